import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Logging
import ServiceLifecycle
import Synchronization

extension NodeBench {
    /// Bare Jobs on an in-process API server and node: Job created →
    /// container process started (the kubelet's own report), and 100
    /// concurrent Jobs to completion.
    static func jobs() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-nodebench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "bench.node")
        logger.logLevel = .error
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0)
        configuration.tls = true
        let server = try await EmbeddedAPIServer.open(configuration, logger: logger)
        var nodeConfiguration = LocalNodeConfiguration(directory: directory.appending(path: "node"), hiddenPaths: [directory.path])
        nodeConfiguration.imageMap = ImageMap(images: ["bench/agent:1": ImageMap.host])
        let started = Mutex<[String: Int64]>([:])
        let node = LocalNode(configuration: nodeConfiguration, logger: logger) { pod, _ in
            let now = realtimeNanoseconds()
            if let job = pod.metadata.labels["job-name"] { started.withLock { $0[job] = now } }
        }
        let (ports, sink) = AsyncStream<Int>.makeStream()
        let (nodePorts, nodeSink) = AsyncStream<Int>.makeStream()
        var services = try server.services(logSource: node.logSource) { port in
            _ = try? server.writeKubeconfig(port: port)
            sink.yield(port)
            nodeSink.yield(port)
        }
        let kubeconfig = directory.appending(path: "kubeconfig")
        services.append(ClientServices(ports: nodePorts, kubeconfig: kubeconfig, logger: logger) { client, port in
            node.services(client: client, apiServerPort: port)
        })
        let group = ServiceGroup(services: services, logger: logger)
        let task = Task { try await group.run() }
        defer { task.cancel() }
        for await _ in ports { break }
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [kubeconfig.path]))
        let jobs = Api<Job>(client, namespace: "default")
        func job(_ name: String) -> Job {
            Job(
                metadata: ObjectMeta(name: name, namespace: "default"),
                spec: JobSpec(
                    backoffLimit: 0,
                    template: PodTemplateSpec(
                        spec: PodSpec(
                            volumes: [Volume(name: "ipc", emptyDir: EmptyDirVolumeSource(medium: "Memory")), Volume(name: "workspace", emptyDir: EmptyDirVolumeSource())],
                            containers: [
                                Container(
                                    name: "agent", image: "bench/agent:1", command: ["/bin/echo", "done"],
                                    volumeMounts: [VolumeMount(name: "ipc", mountPath: "/ipc"), VolumeMount(name: "workspace", mountPath: "/workspace")],
                                    securityContext: SecurityContext(capabilities: Capabilities(drop: ["ALL"]), runAsUser: 1000, readOnlyRootFilesystem: true))
                            ], restartPolicy: .never, automountServiceAccountToken: false))))
        }
        var latencies: [Double] = []
        for index in 0..<Self.runs {
            let name = "seq-\(index)"
            let created = realtimeNanoseconds()
            _ = try await jobs.create(job(name))
            var startedAt: Int64?
            for _ in 0..<20000 where startedAt == nil {
                startedAt = started.withLock { $0[name] }
                if startedAt == nil { try await Task.sleep(for: .milliseconds(1)) }
            }
            guard let startedAt else { throw BenchError(message: "job \(name) did not start") }
            latencies.append(Double(startedAt - created) / 1e6)
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<Self.runs { group.addTask { _ = try await jobs.create(job("par-\(index)")) } }
            try await group.waitForAll()
        }
        while true {
            let items = try await jobs.list(ListParameters()).items.filter { $0.metadata.name?.hasPrefix("par-") == true }
            if items.count == Self.runs, items.allSatisfy({ $0.status?.isFinished == true }) { break }
            if clock.now - start > .seconds(600) { throw BenchError(message: "100 concurrent jobs did not finish in 10 minutes") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let wall = clock.now - start
        try? await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        return [
            BenchFigure(name: "node_job_to_container_start_p50", value: percentile(latencies, 0.5), unit: "ms"),
            BenchFigure(name: "node_job_to_container_start_p99", value: percentile(latencies, 0.99), unit: "ms"),
            BenchFigure(name: "node_100_concurrent_jobs_wall", value: wall.seconds * 1000, unit: "ms"),
        ]
    }
}
