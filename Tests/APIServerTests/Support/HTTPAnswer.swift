import AsyncHTTPClient
import KubeModel
import NIOCore
import NIOHTTP1

/// A whole HTTP answer, read for assertions.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String

    var json: JSONValue { (try? JSONParser.parse(Array(text.utf8))) ?? .null }
    /// The `code` of an error answer.
    var code: String? { json["code"]?.stringValue }
    /// Names of a list answer's items, sorted.
    var itemNames: [String] {
        (json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }.sorted()
    }

    /// One request; `token` nil or empty sends no Authorization header.
    static func fetch(_ method: HTTPMethod, _ url: String, body: String? = nil, token: String? = nil) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token, !token.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, text: String(buffer: bytes))
    }
}
