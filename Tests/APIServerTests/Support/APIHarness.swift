import APIServer
import AsyncHTTPClient
import ClusterTestSupport
import EmbeddedCluster
import EventBus
import Foundation
import Hummingbird
import KubeClient
import KubeModel
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SympoziumAPI
import Testing

/// An embedded control plane with the CRDs, and the API server on a free
/// port in front of it, for one test.
final class APIHarness: Sendable {
    let cluster: TestCluster
    let client: KubeClient
    let bus: CountingEventBus
    let port: Int
    let token: String?
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(
        cluster: TestCluster, client: KubeClient, bus: CountingEventBus, port: Int, token: String?, group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.cluster = cluster
        self.client = client
        self.bus = bus
        self.port = port
        self.token = token
        self.group = group
        self.task = task
    }

    static func start(
        token: String? = nil, maxRequestBodyBytes: Int = 1 << 20, eventBus: Bool = true
    ) async throws -> APIHarness {
        let cluster = try await TestCluster.start(logSource: EchoLogSource())
        do {
            let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [cluster.kubeconfig.path]))
            try await installCRDs(client)
            let bus = CountingEventBus(InProcessEventBus())
            var logger = Logger(label: "test.api")
            logger.logLevel = .error
            let configuration = APIServerConfiguration(
                port: 0, token: token.flatMap(APIToken.init), maxRequestBodyBytes: maxRequestBodyBytes)
            let (ports, sink) = AsyncStream<Int>.makeStream()
            let server = APIServer(
                configuration: configuration, client: client, eventBus: eventBus ? bus : nil, logger: logger,
                onListening: { sink.yield($0) })
            let group = ServiceGroup(services: [server], logger: logger)
            let task = Task { try await group.run() }
            var port = 0
            for await bound in ports {
                port = bound
                break
            }
            return APIHarness(cluster: cluster, client: client, bus: bus, port: port, token: token, group: group, task: task)
        } catch {
            await cluster.stopAndRemove()
            throw error
        }
    }

    static func installCRDs(_ client: KubeClient) async throws {
        let crds = try SympoziumKinds.customResourceDefinitions.map { try JSONValue(encoding: $0) }
        try await ManifestApplier(client: client, fieldManager: "tests").apply(crds)
        let discovery = Discovery(client: client)
        for _ in 0..<300 {
            if (try? await discovery.resource(for: SympoziumSchedule.groupVersionKind)) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the CRDs were not served in time")
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await bus.close()
        try? await client.shutdown()
        await cluster.stopAndRemove()
    }

    /// Runs `body` and always stops the harness.
    static func with(
        token: String? = nil, maxRequestBodyBytes: Int = 1 << 20, eventBus: Bool = true, _ body: (APIHarness) async throws -> Void
    ) async throws {
        let harness = try await start(token: token, maxRequestBodyBytes: maxRequestBodyBytes, eventBus: eventBus)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    // MARK: HTTP

    typealias Answer = HTTPAnswer

    /// One request with the harness's token (or `token`, "" for none).
    func request(_ method: HTTPMethod, _ path: String, body: String? = nil, token: String? = nil) async throws -> Answer {
        try await HTTPAnswer.fetch(method, baseURL + path, body: body, token: token ?? self.token)
    }

    func get(_ path: String) async throws -> Answer { try await request(.GET, path) }
    func post(_ path: String, _ body: String) async throws -> Answer { try await request(.POST, path, body: body) }
    func delete(_ path: String) async throws -> Answer { try await request(.DELETE, path) }

    /// Names of a list answer's items.
    static func names(_ answer: Answer) -> [String] { answer.itemNames }
}

/// Serves pods/log with a text naming the options it got, so tests see
/// that the API passed them through.
struct EchoLogSource: PodLogSource {
    func logs(namespace: String, pod: String, options: PodLogOptions) async throws -> Response {
        let text = "log of \(namespace)/\(pod) container=\(options.container ?? "-") tailLines=\(options.tailLines.map(String.init) ?? "-")\n"
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
