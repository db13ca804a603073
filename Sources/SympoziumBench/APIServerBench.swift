import EmbeddedCluster
import Foundation
import KubeModel
import Logging
import ServiceLifecycle
import Synchronization

/// `sympozium-bench apiserver`: throughput and latency of the embedded API server.
enum APIServerBench {
    static let objects = 10_000

    static func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0)
        configuration.tls = false  // the raw client speaks plain HTTP; this measures the server, not TLS
        let server = try await EmbeddedAPIServer.open(configuration, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = ServiceGroup(services: try server.services(onListening: { continuation.yield($0) }), logger: logger)
        let serverTask = Task { try await group.run() }
        var boundPort = 0
        for await bound in ports {
            boundPort = bound
            break
        }
        let port = boundPort
        let token = server.adminToken
        let rssBefore = ProcessMemory.residentBytes()

        // Sequential creates over one keep-alive connection, on a thread of its own.
        let createSeconds = try await onThread {
            let connection = try RawHTTPConnection(port: port)
            let clock = ContinuousClock()
            let start = clock.now
            for index in 0..<objects {
                try connection.send(
                    "POST", "/api/v1/namespaces/default/configmaps", token: token,
                    body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bench-\#(index)","labels":{"bench":"yes"}},"data":{"key":"value-\#(index)"}}"#)
                let (status, _) = try connection.readResponse()
                guard status == 201 else { throw RawHTTPConnection.BenchError(description: "create returned \(status)") }
            }
            return (clock.now - start).seconds
        }

        // Listing all 10,000 objects.
        let listMillis = try await onThread {
            let connection = try RawHTTPConnection(port: port)
            var samples: [Double] = []
            for _ in 0..<5 {
                let clock = ContinuousClock()
                let start = clock.now
                try connection.send("GET", "/api/v1/namespaces/default/configmaps", token: token)
                let (status, body) = try connection.readResponse()
                guard status == 200, body.count > objects * 50 else { throw RawHTTPConnection.BenchError(description: "list returned \(status)") }
                samples.append((clock.now - start).seconds * 1000)
            }
            return samples.sorted()[samples.count / 2]
        }
        let rss = ProcessMemory.residentBytes()
        let latencies = try await watchLatencies(port: port, token: token, writes: 1_000)

        // The same creates in process, without HTTP: what the object semantics cost.
        let configMaps = try await inProcessCreates(server: server, count: 5_000)

        await group.triggerGracefulShutdown()
        _ = try? await serverTask.value
        return [
            BenchFigure(name: "apiserver_inprocess_creates", value: configMaps, unit: "creates/s"),
            BenchFigure(name: "apiserver_sequential_creates", value: Double(objects) / createSeconds, unit: "creates/s"),
            BenchFigure(name: "apiserver_list_10000", value: listMillis, unit: "ms"),
            BenchFigure(name: "apiserver_watch_latency_p50", value: percentile(latencies, 0.5), unit: "ms"),
            BenchFigure(name: "apiserver_watch_latency_p99", value: percentile(latencies, 0.99), unit: "ms"),
            BenchFigure(name: "apiserver_rss_with_10000_objects", value: Double(rss) / 1_048_576, unit: "MB"),
            BenchFigure(name: "apiserver_rss_growth_10000_objects", value: Double(rss - rssBefore) / 1_048_576, unit: "MB"),
        ]
    }

    static func inProcessCreates(server: EmbeddedAPIServer, count: Int) async throws -> Double {
        guard let type = server.registry.type(ResourceKey(group: "", resource: "configmaps")) else { return 0 }
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            _ = try await server.service.create(
                type, namespace: "default",
                body: ["metadata": ["name": .string("direct-\(index)"), "labels": ["bench": "yes"]], "data": ["key": "value"]],
                options: WriteOptions(fieldManager: "bench"))
        }
        return Double(count) / (clock.now - start).seconds
    }

    /// Time from sending a write to receiving its watch event (an upper bound on commit-to-delivery).
    static func watchLatencies(port: Int, token: String, writes: Int) async throws -> [Double] {
        let sent = Mutex<[String: ContinuousClock.Instant]>([:])
        let watcher = try RawHTTPConnection(port: port)
        try watcher.send("GET", "/api/v1/namespaces/default/configmaps?watch=true&labelSelector=latency%3Dyes&resourceVersion=0", token: token)
        guard try watcher.readHead() == 200 else { throw RawHTTPConnection.BenchError(description: "watch refused") }
        let watching = Task.detached {
            try await onThread { () -> [Double] in
                var latencies: [Double] = []
                let clock = ContinuousClock()
                while latencies.count < writes, let chunk = try watcher.readChunk() {
                    let now = clock.now
                    let text = String(decoding: chunk, as: UTF8.self)
                    guard let range = text.range(of: #""name":"lat-"#) else { continue }
                    let name = "lat-" + text[range.upperBound...].prefix { $0 != "\"" }
                    if let start = sent.withLock({ $0[String(name)] }) { latencies.append((now - start).seconds * 1000) }
                }
                return latencies
            }
        }
        try await onThread {
            let connection = try RawHTTPConnection(port: port)
            let clock = ContinuousClock()
            for index in 0..<writes {
                let name = "lat-\(index)"
                sent.withLock { $0[name] = clock.now }
                try connection.send(
                    "POST", "/api/v1/namespaces/default/configmaps", token: token,
                    body: #"{"metadata":{"name":"\#(name)","labels":{"latency":"yes"}}}"#)
                _ = try connection.readResponse()
            }
        }
        return try await watching.value
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Runs blocking socket work on a dedicated thread, off the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
