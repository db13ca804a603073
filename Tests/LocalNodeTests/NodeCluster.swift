import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Logging
import ServiceLifecycle
import Testing

/// An embedded API server with the local node (kubelet, Job and Deployment
/// controllers) on a free port in a temporary directory, for one test.
final class NodeCluster: Sendable {
    let directory: URL
    let kubeconfig: URL
    let port: Int
    let client: KubeClient
    let server: EmbeddedAPIServer
    let memoryRoot: URL
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static var bwrapAvailable: Bool {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") { return true }
        if SystemComponent.isCI { Issue.record("/usr/bin/bwrap is missing: apt-get install bubblewrap") }
        return false
    }

    private init(
        directory: URL, port: Int, client: KubeClient, server: EmbeddedAPIServer, memoryRoot: URL, group: ServiceGroup, task: Task<Void, any Error>
    ) {
        self.memoryRoot = memoryRoot
        self.directory = directory
        self.kubeconfig = directory.appending(path: "kubeconfig")
        self.port = port
        self.client = client
        self.server = server
        self.group = group
        self.task = task
    }

    /// Starts everything; `images` maps test images to programs ("host" runs the container's command).
    static func start(
        images: [String: String] = ["test/host:1": ImageMap.host], directory: URL? = nil,
        onContainerStarted: (@Sendable (Pod, String) -> Void)? = nil
    ) async throws -> NodeCluster {
        let directory = directory ?? FileManager.default.temporaryDirectory.appending(path: "sympozium-node-\(UUID().uuidString)")
        var logger = Logger(label: "test.node")
        logger.logLevel = .warning
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0)
        configuration.tls = true
        let server = try await EmbeddedAPIServer.open(configuration, logger: logger)
        var nodeConfiguration = LocalNodeConfiguration(directory: directory.appending(path: "node"), hiddenPaths: [directory.path])
        nodeConfiguration.imageMap = ImageMap(images: images)
        nodeConfiguration.memoryVolumeRoot = URL(fileURLWithPath: "/dev/shm/sympozium-test-\(UUID().uuidString)")
        nodeConfiguration.caCertificatePEM = server.certificates?.caCertificatePEM
        let node = LocalNode(configuration: nodeConfiguration, logger: logger, onContainerStarted: onContainerStarted)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let (nodePorts, nodeContinuation) = AsyncStream<Int>.makeStream()
        var services = try server.services(
            logSource: node.logSource,
            onListening: { port in
                _ = try? server.writeKubeconfig(port: port)
                continuation.yield(port)
                nodeContinuation.yield(port)
            })
        services.append(
            ClientServices(ports: nodePorts, kubeconfig: directory.appending(path: "kubeconfig"), logger: logger) { client, port in
                node.services(client: client, apiServerPort: port)
            })
        let group = ServiceGroup(services: services, logger: logger)
        let task = Task { try await group.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [directory.appending(path: "kubeconfig").path]))
        return NodeCluster(
            directory: directory, port: port, client: client, server: server, memoryRoot: nodeConfiguration.memoryVolumeRoot, group: group,
            task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        try? await client.shutdown()
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: memoryRoot)
    }

    /// Runs `body` against a started cluster and stops it afterwards, also when `body` throws.
    static func with(images: [String: String] = ["test/host:1": ImageMap.host], _ body: (NodeCluster) async throws -> Void) async throws {
        let cluster = try await start(images: images)
        do {
            try await body(cluster)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    func kubectl(_ arguments: String..., stdin: String? = nil) async throws -> ProcessOutput {
        guard let kubectl = SystemComponent.kubectl else { throw SkipTest() }
        return try await ProcessRunner.run(
            kubectl, arguments, environment: ["KUBECONFIG": kubeconfig.path, "HOME": directory.path], stdin: stdin)
    }

    /// Polls `check` every 50 ms until it returns a value or `timeout` passes.
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(30), _ check: @Sendable () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try? await check() { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
        if let value = try await check() { return value }
        throw TimedOut(what: what)
    }

    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }
}
