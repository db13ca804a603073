import Foundation
import Hummingbird
import KubeModel
import NIOCore

/// JSON responses in the shapes Kubernetes clients expect.
enum Responses {
    static func json(_ data: Data, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache, private"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json((try? ObjectStore.encode(value)) ?? Data("{}".utf8), status: status)
    }

    static func encodable<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json((try? encoder.encode(value)) ?? Data("{}".utf8), status: status)
    }

    static func status(_ error: APIError) -> Response {
        encodable(error.status, status: HTTPResponse.Status(code: Int(error.code)))
    }

    /// A list built by splicing stored objects' bytes: no re-encoding.
    static func list(
        apiVersion: String, kind: String, resourceVersion: Int64, continueToken: String?, remaining: Int?,
        items: [Data]
    ) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(items.reduce(256) { $0 + $1.count + 1 })
        buffer.writeString(#"{"apiVersion":"\#(apiVersion)","kind":"\#(kind)","metadata":{"resourceVersion":"\#(resourceVersion)""#)
        if let continueToken {
            buffer.writeString(#","continue":"\#(continueToken)""#)
            if let remaining { buffer.writeString(#","remainingItemCount":\#(remaining)"#) }
        }
        buffer.writeString(#"},"items":["#)
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeString(",") }
            buffer.writeBytes(item)
        }
        buffer.writeString("]}")
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
