import ClusterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Minimal HTTP calls against a test cluster, with the admin token.
struct TestHTTP: Sendable {
    let base: String
    let token: String

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
        }
    }

    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> Reply {
        guard let url = URL(string: base + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }

    func send(_ method: String, _ path: String, text: String, contentType: String = "application/json") async throws -> Reply {
        try await send(method, path, body: Data(text.utf8), contentType: contentType)
    }
}

extension TestCluster {
    var http: TestHTTP { TestHTTP(base: "http://127.0.0.1:\(port)", token: server.adminToken) }
}
