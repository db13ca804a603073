import Foundation
import Hummingbird
import KubeModel
import NIOCore
import SympoziumAPI

/// A request body read within the size limit and parsed as JSON.
struct JSONBody: Sendable {
    let bytes: [UInt8]
    let value: JSONValue

    /// Reads and parses the body: 413 past `limit` bytes, 400 when it is not JSON.
    static func read(_ request: Request, limit: Int) async throws -> JSONBody {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.payloadTooLarge(limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge(limit: limit)
        }
        let bytes = Array(buffer.readableBytesView)
        guard !bytes.isEmpty else { throw APIError.malformedJSON("the body is empty") }
        do {
            return JSONBody(bytes: bytes, value: try JSONParser.parse(bytes))
        } catch {
            throw APIError.malformedJSON("\(error)")
        }
    }

    /// The body as `T`: a JSON document of the wrong shape is 422 with the field's path.
    func decode<T: Decodable>(as type: T.Type, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError.invalid("the body is not a valid \(what): \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return keys.isEmpty ? "<root>" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "<root>" ? "" : parent + ".")\(key.stringValue): required value is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(Self.jsonType(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(Self.jsonType(type)), found null"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

extension Request {
    /// `?name=` when present and not empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// `?namespace=` when given; 400 when it is not a namespace name.
    func explicitNamespace() throws -> String? {
        guard let namespace = query("namespace") else { return nil }
        guard Names.isDNSLabel(namespace) else {
            throw APIError.badRequest("namespace \"\(namespace.prefix(100))\" is not a valid namespace name")
        }
        return namespace
    }

    /// `?namespace=`, else the default.
    func namespace(default fallback: String) throws -> String {
        try explicitNamespace() ?? fallback
    }

    /// An object name given in the query (`?instance=`); 400 when it cannot be one.
    func objectName(_ parameter: String) throws -> String? {
        guard let name = query(parameter) else { return nil }
        guard Names.isDNSSubdomain(name) else {
            throw APIError.badRequest("\(parameter) \"\(name.prefix(100))\" is not a valid object name")
        }
        return name
    }
}

extension APIRequestContext {
    /// The `{name}` path parameter; 400 when it cannot be an object name.
    func objectName() throws -> String {
        guard let name = parameters.get("name"), Names.isDNSSubdomain(name) else {
            throw APIError.badRequest("\"\((parameters.get("name") ?? "").prefix(100))\" is not a valid object name")
        }
        return name
    }
}
