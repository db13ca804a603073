import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Logging
import ServiceLifecycle
import Synchronization
import SympoziumAPI

/// The local node: how long from an AgentRun's creation to its agent
/// process starting (through the Sympozium controllers, the Job controller
/// and the kubelet of a `sympozium up` child process; the agent image is
/// mapped to a trivial program whose first output line the node timestamps
/// on arrival), and the wall time of 100 concurrent runs. Then the same for
/// bare Jobs on an in-process node (Job created → container started).
enum NodeBench {
    static let runs = 100

    static func run() async throws -> [BenchFigure] {
        var figures: [BenchFigure] = []
        if let executable = sympoziumExecutable() {
            figures += try await agentRuns(executable: executable)
        } else {
            FileHandle.standardError.write(Data("node: no sympozium executable next to sympozium-bench; AgentRun figures skipped\n".utf8))
        }
        figures += try await jobs()
        return figures
    }

    /// SYMPOZIUM_BENCH_SYMPOZIUM, else `sympozium` next to this executable.
    static func sympoziumExecutable() -> String? {
        if let path = ProcessInfo.processInfo.environment["SYMPOZIUM_BENCH_SYMPOZIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let directory = (Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }) ?? "."
        let path = directory + "/sympozium"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// CPU time (user + system) a process has used so far, from /proc/<pid>/stat.
    static func cpuMilliseconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    static func realtimeNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// "2026-12-01T10:47:00.123456789Z" → nanoseconds since the epoch.
    static func parseTimestamp(_ text: Substring) -> Int64? {
        let characters = Array(text.utf8)
        guard characters.count >= 30 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? { Int(String(decoding: characters[start..<start + length], as: UTF8.self)) }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), let nanos = number(20, 9)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int64(timegm(&parts))
        return seconds * 1_000_000_000 + Int64(nanos)
    }

    // MARK: AgentRuns through `sympozium up`

    static func agentRuns(executable: String) async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-nodebench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let agent = directory.appending(path: "trivial-agent")
        try Data("""
            #!/bin/sh
            echo started
            echo __SYMPOZIUM_RESULT__
            echo '{"status":"success","response":"ok"}'
            echo __SYMPOZIUM_END__

            """.utf8).write(to: agent)
        let bridge = directory.appending(path: "trivial-bridge")
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: bridge)
        chmod(agent.path, 0o755)
        chmod(bridge.path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "up", "--data-dir", directory.appending(path: "data").path, "--port", "0", "--log-level", "error",
            "--image", "ghcr.io/sympozium-ai/sympozium/agent-runner*=\(agent.path)",
            "--image", "ghcr.io/sympozium-ai/sympozium/ipc-bridge*=\(bridge.path)",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let kubeconfig = directory.appending(path: "data/kubeconfig")
        var client: KubeClient?
        for _ in 0..<600 where client == nil {
            if FileManager.default.fileExists(atPath: kubeconfig.path),
                let candidate = try? KubeClient(ClientConfiguration.fromKubeconfig(paths: [kubeconfig.path])),
                (try? await Api<CustomResourceDefinition>(candidate).getIfExists("agentruns.sympozium.ai")) != nil
            {
                client = candidate
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard let client else { throw BenchError(message: "sympozium up did not come up") }
        defer { Task { try? await client.shutdown() } }
        try await Task.sleep(for: .seconds(1))  // CRDs established, controllers' caches filled
        _ = try await Api<Secret>(client, namespace: "default").create(
            Secret(metadata: ObjectMeta(name: "bench-key", namespace: "default"), stringData: ["OPENAI_API_KEY": "bench"]))
        let instance = SympoziumInstance(
            metadata: ObjectMeta(name: "bench", namespace: "default"),
            spec: SympoziumInstanceSpec(
                agents: AgentsSpec(default: AgentConfig(model: "trivial", subagents: SubagentsSpec(maxConcurrent: 1000))),
                authRefs: [SecretRef(provider: "openai", secret: "bench-key")]))
        _ = try await Api<SympoziumInstance>(client, namespace: "default").create(instance)
        let runs = Api<AgentRun>(client, namespace: "default")
        func agentRun(_ name: String) -> AgentRun {
            AgentRun(
                metadata: ObjectMeta(name: name, namespace: "default"),
                spec: AgentRunSpec(
                    instanceRef: "bench", agentId: "default", task: "bench", model: ModelSpec(provider: "openai", model: "trivial", authSecretRef: "bench-key"),
                    sessionKey: name, cleanup: .keep))
        }
        // One run at a time, each once the previous one finished: the latency
        // of a run on an idle node, as `sympozium run` after `sympozium run` sees it.
        let cpuBefore = cpuMilliseconds(pid: process.processIdentifier)
        let latencies = try await sequentialRuns(prefix: "seq", client: client, runs: runs, create: agentRun, waitForEnd: true)
        let cpuPerRun = (cpuMilliseconds(pid: process.processIdentifier) - cpuBefore) / Double(Self.runs)
        // One run right after another's agent started: its start overlaps the
        // previous run's end (pod exit, Job completion, result, status writes).
        let overlapping = try await sequentialRuns(prefix: "b2b", client: client, runs: runs, create: agentRun, waitForEnd: false)
        if ProcessInfo.processInfo.environment["NODE_BENCH_SAMPLES"] != nil {
            FileHandle.standardError.write(Data((latencies.map { String(format: "%.1f", $0) }.joined(separator: " ") + "\n").utf8))
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<Self.runs {
                group.addTask { _ = try await runs.create(agentRun("par-\(index)")) }
            }
            try await group.waitForAll()
        }
        // Finished runs beyond the instance's history limit are pruned: done when none is still in flight.
        var failed = 0
        while true {
            let items = try await runs.list(ListParameters()).items.filter { $0.metadata.name?.hasPrefix("par-") == true }
            failed = items.filter { $0.status?.phase == .failed }.count
            if !items.contains(where: { $0.status?.phase?.isTerminal != true }) { break }
            if clock.now - start > .seconds(600) { throw BenchError(message: "100 concurrent runs did not finish in 10 minutes") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let wall = clock.now - start
        return [
            BenchFigure(name: "node_agentrun_to_agent_process_p50", value: percentile(latencies, 0.5), unit: "ms"),
            BenchFigure(name: "node_agentrun_to_agent_process_p99", value: percentile(latencies, 0.99), unit: "ms"),
            BenchFigure(name: "node_agentrun_back_to_back_p50", value: percentile(overlapping, 0.5), unit: "ms"),
            BenchFigure(name: "node_agentrun_back_to_back_p99", value: percentile(overlapping, 0.99), unit: "ms"),
            BenchFigure(name: "node_up_cpu_per_agentrun", value: cpuPerRun, unit: "ms"),
            BenchFigure(name: "node_100_concurrent_agentruns_wall", value: wall.seconds * 1000, unit: "ms"),
            BenchFigure(name: "node_100_concurrent_agentruns_failed", value: Double(failed), unit: "runs"),
        ]
    }

    /// Creates `Self.runs` runs one after another and returns each one's
    /// latency from creation to its agent's first line; with `waitForEnd`,
    /// the next run is created once the previous one reached its end.
    static func sequentialRuns(
        prefix: String, client: KubeClient, runs: Api<AgentRun>, create agentRun: (String) -> AgentRun, waitForEnd: Bool
    ) async throws -> [Double] {
        var latencies: [Double] = []
        for index in 0..<Self.runs {
            let name = "\(prefix)-\(index)"
            let created = realtimeNanoseconds()
            _ = try await runs.create(agentRun(name))
            let started = try await agentStart(client: client, run: name)
            latencies.append(Double(started - created) / 1e6)
            guard waitForEnd else { continue }
            var finished = false
            for _ in 0..<6000 where !finished {
                finished = try await runs.get(name).status?.phase?.isTerminal == true
                if !finished { try await Task.sleep(for: .milliseconds(10)) }
            }
            guard finished else { throw BenchError(message: "\(name) did not finish within a minute") }
        }
        return latencies
    }

    /// The node's timestamp of the agent container's first output line. The
    /// run's pod is followed with a watch (polling would load the machine
    /// being measured), and its log read once the agent container started.
    static func agentStart(client: KubeClient, run: String) async throws -> Int64 {
        let pods = Api<Pod>(client, namespace: "default").skippingManagedFields()
        let selector = ListParameters(labelSelector: "sympozium.ai/agent-run=\(run)", timeoutSeconds: 60)
        var podName: String?
        watching: for try await event in try await pods.watch(selector, resourceVersion: nil, bookmarks: false) {
            switch event {
            case .added(let pod), .modified(let pod):
                let agent = pod.status?.containerStatuses.first { $0.name == "agent" }
                if let state = agent?.state, state.running != nil || state.terminated != nil {
                    podName = pod.metadata.name
                    break watching
                }
            default:
                continue
            }
        }
        guard let podName else { throw BenchError(message: "the agent of \(run) did not start") }
        for _ in 0..<2000 {
            if let response = try? await client.send(
                KubeRequest(path: "/api/v1/namespaces/default/pods/\(podName)/log", query: [("container", "agent"), ("timestamps", "true")])),
                let line = String(decoding: response.body, as: UTF8.self).split(separator: "\n").first(where: { $0.hasSuffix(" started") }),
                let stamp = parseTimestamp(line)
            {
                return stamp
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw BenchError(message: "the agent of \(run) wrote no first line")
    }

    struct BenchError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
