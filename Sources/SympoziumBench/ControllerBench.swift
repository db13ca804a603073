import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle
import SympoziumAPI
import Synchronization

/// `sympozium-bench controller`: a controller over 10,000 AgentRuns.
///
/// The API server runs in a child process (this executable, `controller-server`)
/// so the figures count only the controller side: initial sync, no-op
/// reconciles per second, and resident memory per cached object.
enum ControllerBench {
    static let objects = 10_000

    static func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-bench-\(UUID().uuidString)")
        let server = try await ChildServer.start(dataDirectory: directory)
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [server.kubeconfig]), logger: logger)
        let runs = Api<AgentRun>(client, namespace: "default")
        // Warm the client (TLS, connection pool, decoder) outside the measurement.
        _ = try await runs.listPage(ListParameters(limit: 1), continueToken: nil)
        let rssBefore = ProcessMemory.residentBytes()
        let noop = try await measure(runs, logger: logger) { .awaitChange }
        // The same 10,000 reconciles when each one parks its key an hour ahead,
        // as running AgentRuns do for their timeout: the queue then holds every
        // key in the future while it hands out the due ones.
        let parked = try await measure(runs, logger: logger) { .requeue(after: .seconds(3600)) }
        try await client.shutdown()
        return [
            BenchFigure(name: "controller_initial_sync_10000", value: noop.sync.seconds, unit: "s"),
            BenchFigure(name: "controller_noop_reconciles", value: Double(objects) / noop.reconcile.seconds, unit: "reconciles/s"),
            BenchFigure(
                name: "controller_reconciles_requeued_1h", value: Double(objects) / parked.reconcile.seconds, unit: "reconciles/s"),
            BenchFigure(name: "controller_rss_growth_10000_objects", value: Double(noop.residentBytes - rssBefore) / 1_048_576, unit: "MB"),
            BenchFigure(
                name: "controller_rss_per_cached_object", value: Double(noop.residentBytes - rssBefore) / Double(objects) / 1024, unit: "KB"),
        ]
    }

    /// Runs a controller over the 10,000 runs until each was reconciled once:
    /// the time to the first full list, the time to reconcile them all, and
    /// the resident memory with all of them cached.
    private static func measure(
        _ runs: Api<AgentRun>, logger: Logger, action: @escaping @Sendable () -> ReconcileAction
    ) async throws -> (sync: Duration, reconcile: Duration, residentBytes: Int) {
        let reconciled = Atomic<Int>(0)
        var configuration = ControllerConfiguration(concurrency: 8)
        configuration.watcher.pageSize = 500
        let controller = Controller(runs, configuration: configuration, logger: logger)
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task {
            await controller.run { _, _ in
                reconciled.add(1, ordering: .relaxed)
                return action()
            }
        }
        await controller.store.waitUntilReady()
        let synced = clock.now
        while reconciled.load(ordering: .relaxed) < objects {
            try await Task.sleep(for: .milliseconds(1))
        }
        let done = clock.now
        let residentBytes = ProcessMemory.residentBytes()
        let cached = controller.store.count
        task.cancel()
        await task.value
        guard cached == objects else { throw RawHTTPConnection.BenchError(description: "cached \(cached) of \(objects) objects") }
        return (synced - start, done - synced, residentBytes)
    }

    /// The child's side: serve an embedded API server seeded with the AgentRun
    /// CRD and 10,000 small AgentRuns, print its kubeconfig path, run until killed.
    static func serve() async throws -> [BenchFigure] {
        guard CommandLine.arguments.count > 2 else { throw RawHTTPConnection.BenchError(description: "usage: controller-server <data-dir>") }
        let directory = URL(fileURLWithPath: CommandLine.arguments[2])
        var logger = Logger(label: "bench.server")
        logger.logLevel = .error
        let server = try await EmbeddedAPIServer.open(EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0), logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = ServiceGroup(services: try server.services(onListening: { continuation.yield($0) }), logger: logger)
        let serving = Task { try await group.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        let kubeconfig = try server.writeKubeconfig(port: port)

        let crdType = try require(server.registry.type(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions"))
        _ = try await server.service.create(crdType, namespace: nil, body: JSONValue(encoding: AgentRun.customResourceDefinition))
        var runType: ResourceType?
        while runType == nil {
            try await Task.sleep(for: .milliseconds(20))
            runType = server.registry.type(group: AgentRun.group, version: AgentRun.version, resource: AgentRun.plural)
        }
        let type = try require(runType)
        for index in 0..<objects {
            let body: JSONValue = [
                "apiVersion": .string(AgentRun.apiVersion), "kind": "AgentRun",
                "metadata": ["name": .string("run-\(index)"), "labels": ["bench": "yes"]],
                "spec": [
                    "instanceRef": "bench", "agentId": "default", "task": "noop", "sessionKey": .string("s\(index)"),
                    "model": ["provider": "openai", "model": "gpt-4o", "authSecretRef": "bench-key"],
                ],
            ]
            _ = try await server.service.create(type, namespace: "default", body: body)
        }
        FileHandle.standardOutput.write(Data("READY \(kubeconfig.path)\n".utf8))
        try await serving.value
        return []
    }

    static func require<T>(_ value: T?) throws -> T {
        guard let value else { throw RawHTTPConnection.BenchError(description: "the embedded server lacks a built-in type") }
        return value
    }
}

/// The bench's API server in a child process, started from this executable.
final class ChildServer: Sendable {
    let process: Process
    let kubeconfig: String

    private init(process: Process, kubeconfig: String) {
        self.process = process
        self.kubeconfig = kubeconfig
    }

    static func start(dataDirectory: URL) async throws -> ChildServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["controller-server", dataDirectory.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let handle = output.fileHandleForReading
        let line = try await APIServerBench.onThread { () throws -> String in
            var text = ""
            while !text.contains("\n") {
                let data = handle.availableData
                guard !data.isEmpty else { throw RawHTTPConnection.BenchError(description: "the bench server exited") }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }
        guard line.hasPrefix("READY ") else { throw RawHTTPConnection.BenchError(description: "unexpected: \(line)") }
        let path = line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)
        return ChildServer(process: process, kubeconfig: path)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
