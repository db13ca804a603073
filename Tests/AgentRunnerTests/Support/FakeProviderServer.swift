import ClusterTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A local HTTP server on 127.0.0.1 (port 0) that answers with scripted
/// replies and records every request: stands in for OpenAI, Anthropic or
/// any web server in tests.
final class FakeHTTPServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        /// The Host header (HTTP/1) or :authority (HTTP/2).
        var authority: String?
        var body: Data

        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        /// Written one after another (flushed separately: a stream).
        var chunks: [String]
        /// Waits this long before answering.
        var delay: Duration = .zero

        static func json(_ body: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            Reply(status: status, headers: headers.merging(["content-type": "application/json"]) { first, _ in first }, chunks: [body])
        }

        /// `text/event-stream`, one chunk per event.
        static func events(_ events: [String]) -> Reply {
            Reply(status: 200, headers: ["content-type": "text/event-stream"], chunks: events)
        }

        static func text(_ body: String, contentType: String, status: Int = 200) -> Reply {
            Reply(status: status, headers: ["content-type": contentType], chunks: [body])
        }

        static func redirect(to location: String) -> Reply {
            Reply(status: 302, headers: ["location": location], chunks: [])
        }
    }

    typealias Script = @Sendable (Recorded, Int) -> Reply

    private let server: LocalHTTPServer
    private let log: Log

    var port: Int { server.port }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Recorded] { log.requests.withLock { $0 } }

    private init(server: LocalHTTPServer, log: Log) {
        self.server = server
        self.log = log
    }

    static func start(_ script: @escaping Script) async throws -> FakeHTTPServer {
        let log = Log()
        let server = await LocalHTTPServer.start(name: "fake-provider") { configuration, logger, onServerRunning in
            Application(responder: Responder(script: script, log: log), configuration: configuration, onServerRunning: onServerRunning, logger: logger)
        }
        return FakeHTTPServer(server: server, log: log)
    }

    func stop() async { await server.stop() }

    final class Log: Sendable {
        let requests = Mutex<[Recorded]>([])
    }

    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let script: Script
        let log: Log

        func respond(to request: Request, context: Context) async throws -> Response {
            let body = try await request.body.collect(upTo: 16 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let recorded = Recorded(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
                authority: request.head.authority, body: Data(buffer: body))
            let index = log.requests.withLock { requests in
                requests.append(recorded)
                return requests.count - 1
            }
            let reply = script(recorded, index)
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            let chunks = reply.chunks
            if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
            return Response(
                status: HTTPResponse.Status(code: reply.status), headers: fields,
                body: ResponseBody { writer in
                    for chunk in chunks { try await writer.write(ByteBuffer(string: chunk)) }
                    try await writer.finish(nil)
                })
        }
    }
}
