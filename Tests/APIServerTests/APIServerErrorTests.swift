import APIServer
import Foundation
import KubeClient
import KubeModel
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Testing

@Suite("HTTP API: errors, limits and bearer-token auth", .serialized)
struct APIServerErrorTests {
    @Test("with a token: 401 without it or with a wrong one, 200 with it; health probes stay open")
    func bearerToken() async throws {
        try await APIHarness.with(token: "s3cret-token") { api in
            let none = try await api.request(.GET, "/api/v1/instances", token: "")
            #expect(none.status == 401)
            #expect(none.code == "Unauthorized")
            #expect(none.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(!none.text.contains("s3cret"))
            let wrong = try await api.request(.GET, "/api/v1/instances", token: "s3cret-tokem")
            #expect(wrong.status == 401)
            let longer = try await api.request(.GET, "/api/v1/instances", token: "s3cret-token-and-more")
            #expect(longer.status == 401)
            let right = try await api.request(.GET, "/api/v1/instances")
            #expect(right.status == 200, "\(right.text)")
            // Paths outside /api are closed too, so no spelling of a path slips past.
            #expect(try await api.request(.GET, "//api/v1/instances", token: "").status == 401)
            #expect(try await api.request(.POST, "/api/v1/runs", body: "{}", token: "").status == 401)

            #expect(try await api.request(.GET, "/healthz", token: "").status == 200)
            let ready = try await api.request(.GET, "/readyz", token: "")
            #expect(ready.status == 200)
            #expect(ready.json["status"]?.stringValue == "ok")

            // The WebSocket upgrade is refused without the token, accepted with it.
            let refused = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream")
            if case .success = await refused.result() { Issue.record("the upgrade succeeded without a token") }
            let accepted = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream", token: "s3cret-token")
            #expect(try await accepted.next(type: "subscribed")["type"]?.stringValue == "subscribed")
            try await accepted.close()
        }
    }

    @Test("malformed JSON is 400, a wrong shape 422 with the field, a body over the limit 413, an unknown route 404, all JSON")
    func errors() async throws {
        try await APIHarness.with(maxRequestBodyBytes: 4096) { api in
            let malformed = try await api.post("/api/v1/instances", #"{"metadata": {"name": "x"},"#)
            #expect(malformed.status == 400)
            #expect(malformed.code == "MalformedJSON")
            #expect(malformed.json["message"]?.stringValue?.isEmpty == false)

            let shape = try await api.post("/api/v1/instances", #"{"metadata": {"name": "x"}, "spec": {"agents": 3}}"#)
            #expect(shape.status == 422)
            #expect(shape.code == "Invalid")
            #expect(shape.json["message"]?.stringValue?.contains("spec.agents") == true, "\(shape.text)")

            let big = #"{"instance": "alice", "task": "\#(String(repeating: "x", count: 8000))"}"#
            let tooLarge = try await api.post("/api/v1/runs", big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.code == "PayloadTooLarge")

            let unknown = try await api.get("/api/v2/everything")
            #expect(unknown.status == 404)
            #expect(unknown.code == "RouteNotFound")
            #expect(unknown.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)

            #expect(try await api.get("/api/v1/runs?namespace=Not_A_Namespace").status == 400)
            #expect(try await api.get("/api/v1/runs/Bad_Name").status == 400)
            let plain = try await api.get("/ws/stream")
            #expect(plain.status == 426)
            #expect(plain.code == "UpgradeRequired")
            #expect(try await api.get("/ws/stream?topic=a..b").status == 400)
        }
    }

    @Test("without an event bus the stream answers 503 EventBusUnavailable and the REST routes still work")
    func noEventBus() async throws {
        try await APIHarness.with(eventBus: false) { api in
            let stream = try await api.get("/ws/stream")
            #expect(stream.status == 503)
            #expect(stream.code == "EventBusUnavailable")
            #expect(try await api.get("/api/v1/instances").status == 200)
        }
    }

    @Test("a taken port fails the server, unless it may fall back to a free port")
    func portFallback() async throws {
        let blocker = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let taken = try #require(blocker.localAddress?.port)
        let client = try KubeClient(ClientConfiguration(server: try #require(URL(string: "http://127.0.0.1:1"))))
        var logger = Logger(label: "test.api")
        logger.logLevel = .critical

        let strict = APIServer(configuration: APIServerConfiguration(port: taken), client: client, eventBus: nil, logger: logger)
        await #expect(throws: (any Error).self) { try await strict.run() }

        let (ports, sink) = AsyncStream<Int>.makeStream()
        let lenient = APIServer(
            configuration: APIServerConfiguration(port: taken, fallBackToFreePort: true), client: client, eventBus: nil, logger: logger,
            onListening: { sink.yield($0) })
        let group = ServiceGroup(services: [lenient], logger: logger)
        let task = Task { try await group.run() }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        #expect(bound != 0 && bound != taken)
        await group.triggerGracefulShutdown()
        try await task.value
        try await blocker.close()
        try await client.shutdown()
    }
}
