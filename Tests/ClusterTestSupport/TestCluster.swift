import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// An embedded API server on a free port in a temporary data directory,
/// running for the duration of one test.
public final class TestCluster: Sendable {
    public let server: EmbeddedAPIServer
    public let port: Int
    public let directory: URL
    public let kubeconfig: URL
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(server: EmbeddedAPIServer, port: Int, directory: URL, group: ServiceGroup, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.directory = directory
        self.kubeconfig = directory.appending(path: "kubeconfig")
        self.group = group
        self.task = task
    }

    public static func start(
        directory: URL? = nil, tls: Bool = true, port: Int = 0, store: ObjectStore.Configuration = ObjectStore.Configuration(),
        admission: AdmissionChain = AdmissionChain(), logSource: (any PodLogSource)? = nil,
        beforeServing: @Sendable (EmbeddedAPIServer) async throws -> Void = { _ in }
    ) async throws -> TestCluster {
        let directory = directory ?? FileManager.default.temporaryDirectory.appending(path: "sympozium-test-\(UUID().uuidString)")
        var logger = Logger(label: "test.apiserver")
        logger.logLevel = .warning
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: port)
        configuration.tls = tls
        configuration.store = store
        let server = try await EmbeddedAPIServer.open(configuration, admission: admission, logger: logger)
        try await beforeServing(server)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let services = try server.services(logSource: logSource, onListening: { port in continuation.yield(port) })
        let group = ServiceGroup(services: services, logger: logger)
        // The stream ends if the server stops without listening (its port taken).
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        guard port != 0 else {
            let reason: String
            do {
                try await task.value
                reason = "it stopped"
            } catch {
                reason = "\(error)"
            }
            throw TestClusterError(message: "the embedded API server did not start listening: \(reason)")
        }
        _ = try server.writeKubeconfig(port: port)
        return TestCluster(server: server, port: port, directory: directory, group: group, task: task)
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    public func stopAndRemove() async {
        await stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs kubectl against this cluster.
    public func kubectl(_ arguments: [String], stdin: String? = nil) async throws -> ProcessOutput {
        guard let kubectl = SystemComponent.kubectl else { throw SkipTest() }
        return try await ProcessRunner.run(
            kubectl, arguments, environment: ["KUBECONFIG": kubeconfig.path, "HOME": directory.path], stdin: stdin)
    }

    public func kubectl(_ arguments: String...) async throws -> ProcessOutput {
        try await kubectl(arguments)
    }

    /// Runs kubectl and fails the test with its stderr when it does not succeed.
    @discardableResult
    public func kubectlOK(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let output = try await kubectl(arguments, stdin: stdin)
        #expect(output.succeeded, "kubectl \(arguments.joined(separator: " ")): \(output.stderr)", sourceLocation: sourceLocation)
        return output.stdout
    }
}

/// A test cluster that could not start.
public struct TestClusterError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Thrown when a local run lacks a component; CI records a failure instead.
public struct SkipTest: Error {
    public init() {}
}
