import Foundation
import HTTPTypes
import Hummingbird

/// JSON answers.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try encoder.encode(value)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The answer for an error; never fails (an unencodable error degrades to a fixed body).
    static func error(_ error: APIError) -> Response {
        var headers: HTTPFields = [:]
        if error.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"sympozium\"" }
        if let response = try? make(error.body, status: error.status, headers: headers) { return response }
        return Response(
            status: .internalServerError, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"code":"InternalError","message":"cannot encode the error"}"#)))
    }
}
