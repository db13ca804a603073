import Foundation
import NIOHTTP1

/// One HTTP request to the API server, relative to its base URL.
public struct KubeRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute path ("/api/v1/namespaces/default/pods").
    public var path: String
    public var query: [(name: String, value: String)]
    public var body: [UInt8]?
    public var contentType: String?
    public var accept = "application/json"
    /// nil: the configuration's request timeout.
    public var timeout: Duration?

    public init(
        method: HTTPMethod = .GET, path: String, query: [(name: String, value: String)] = [], body: [UInt8]? = nil,
        contentType: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// Path plus percent-encoded query.
    var target: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }
        return path + "?" + encoded.joined(separator: "&")
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Encodes a path segment (names may not contain "/", but be safe).
    public static func segment(_ text: String) -> String { escape(text) }
}

/// A successful answer: status, headers and the whole body.
public struct KubeResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
}
