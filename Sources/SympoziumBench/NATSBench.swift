import EventBus
import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// `sympozium-bench nats`: our NATS client against nats-py, same server, same
/// run: core publish and JetStream publish-with-ack of 128-byte messages.
enum NATSBench {
    static let payloadSize = 128
    static let coreMessages = 1_000_000
    static let jetStreamMessages = 20_000
    /// Acknowledgements outstanding in the pipelined run (`NATS_BENCH_WINDOW` overrides).
    static let jetStreamWindow = ProcessInfo.processInfo.environment["NATS_BENCH_WINDOW"].flatMap(Int.init) ?? 256

    static func run() async throws -> [BenchFigure] {
        let server = try await BenchNATSServer.start()
        do {
            let figures = try await measure(url: server.url)
            await server.stop()
            return figures
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func measure(url: String) async throws -> [BenchFigure] {
        var options = try NATSClientOptions(urls: url)
        options.requestTimeout = .seconds(30)
        let client = NATSClient(options: options)
        try await client.connect()
        let js = JetStream(client: client, timeout: .seconds(30))
        _ = try await js.createStream(StreamConfig(name: "BENCH", subjects: ["bench.js.>"], storage: .file))
        var payload = ByteBuffer()
        payload.writeRepeatingByte(UInt8(ascii: "x"), count: payloadSize)

        // Core publish: N messages, then a flush (PING/PONG) so all were processed.
        let coreTime = try await clock {
            for _ in 0..<coreMessages { try await client.publish("bench.core", payload: payload) }
            try await client.flush(timeout: .seconds(60))
        }
        // JetStream, sequential: one publish, wait for its ack, next.
        let sequentialCount = jetStreamMessages / 4
        let sequentialTime = try await clock {
            for _ in 0..<sequentialCount { _ = try await js.publish("bench.js.seq", payload: payload) }
        }
        // JetStream, pipelined: up to `jetStreamWindow` acks outstanding.
        let pipelinedTime = try await clock {
            var inFlight: [PubAckFuture] = []
            inFlight.reserveCapacity(jetStreamWindow)
            var oldest = 0
            for index in 0..<jetStreamMessages {
                let future = try await js.publishAsync("bench.js.pipe", payload: payload)
                if inFlight.count < jetStreamWindow {
                    inFlight.append(future)
                } else {
                    _ = try await inFlight[oldest].value()
                    inFlight[oldest] = future
                    oldest = (oldest + 1) % jetStreamWindow
                }
                _ = index
            }
            for future in inFlight { _ = try await future.value() }
        }
        await client.close()

        let python = try await runPython(url: url)
        let ours = (
            core: Double(coreMessages) / coreTime.seconds,
            sequential: Double(sequentialCount) / sequentialTime.seconds,
            pipelined: Double(jetStreamMessages) / pipelinedTime.seconds
        )
        return [
            BenchFigure(name: "nats.core_publish.swift", value: ours.core.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.core_publish.nats_py", value: python.core.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.core_publish.ratio", value: ours.core / python.core, unit: "x"),
            BenchFigure(name: "nats.js_publish_ack_sequential.swift", value: ours.sequential.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.js_publish_ack_sequential.nats_py", value: python.jsSequential.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.js_publish_ack_sequential.ratio", value: ours.sequential / python.jsSequential, unit: "x"),
            BenchFigure(name: "nats.js_publish_ack_window\(jetStreamWindow).swift", value: ours.pipelined.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.js_publish_ack_window\(jetStreamWindow).nats_py", value: python.jsPipelined.rounded(), unit: "msgs/s"),
            BenchFigure(name: "nats.js_publish_ack_window\(jetStreamWindow).ratio", value: ours.pipelined / python.jsPipelined, unit: "x"),
        ]
    }

    private static func clock(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    struct PythonFigures: Decodable {
        var core: Double
        var jsSequential: Double
        var jsPipelined: Double
    }

    /// The same three measurements with nats-py (from `.venv` when present).
    private static func runPython(url: String) async throws -> PythonFigures {
        let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
        let script = """
        import asyncio, json, sys, time
        import nats
        async def main():
            nc = await nats.connect(sys.argv[1])
            js = nc.jetstream()
            payload = b"x" * \(payloadSize)
            n = \(coreMessages)
            t = time.perf_counter()
            for _ in range(n):
                await nc.publish("bench.core", payload)
            await nc.flush(timeout=60)
            core = n / (time.perf_counter() - t)
            m = \(jetStreamMessages / 4)
            t = time.perf_counter()
            for _ in range(m):
                await js.publish("bench.js.seq", payload)
            seq = m / (time.perf_counter() - t)
            m = \(jetStreamMessages)
            window = \(jetStreamWindow)
            t = time.perf_counter()
            pending = []
            for _ in range(m):
                pending.append(await js.publish_async("bench.js.pipe", payload))
                if len(pending) >= window:
                    await asyncio.gather(*pending)
                    pending = []
            await asyncio.gather(*pending)
            pipe = m / (time.perf_counter() - t)
            print(json.dumps({"core": core, "jsSequential": seq, "jsPipelined": pipe}))
            await nc.close()
        asyncio.run(main())
        """
        let output = try await BenchProcess.run(python, ["-c", script, url])
        guard output.status == 0, let line = output.stdout.split(separator: "\n").last else {
            throw BenchNATSError("nats-py run failed (is nats-py installed in .venv?): \(output.stderr.suffix(2000))")
        }
        return try JSONDecoder().decode(PythonFigures.self, from: Data(line.utf8))
    }
}

struct BenchNATSError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A nats-server with JetStream on a free 127.0.0.1 port, in a temp dir.
final class BenchNATSServer: Sendable {
    let process: Process
    let directory: URL
    let url: String

    private init(process: Process, directory: URL, url: String) {
        self.process = process
        self.directory = directory
        self.url = url
    }

    static func start() async throws -> BenchNATSServer {
        let candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchNATSError("nats-server is not installed")
        }
        let directory = FileManager.default.temporaryDirectory.appending(path: "nats-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", directory.appending(path: "store").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = BenchNATSServer(process: process, directory: directory, url: "nats://127.0.0.1:\(port)")
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if canConnect(port: port) { return server }
            try await Task.sleep(for: .milliseconds(20))
        }
        await server.stop()
        throw BenchNATSError("nats-server did not start")
    }

    func stop() async {
        if process.isRunning { process.terminate() }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchNATSError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else { throw BenchNATSError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Runs a program to completion without blocking a cooperative thread.
enum BenchProcess {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        let directory = FileManager.default.temporaryDirectory.appending(path: "bench-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appending(path: "out")
        let errURL = directory.appending(path: "err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Output(status: status, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
