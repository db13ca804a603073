import EventBus
import Foundation
import NIOCore

/// `sympozium-bench nats`: our NATS client against nats-py, same server, same
/// run: core publish and JetStream publish-with-ack of 128-byte messages.
///
/// Each of `rounds` rounds measures ours, then nats-py; a figure is the
/// median over the rounds (single runs on a 2-core machine vary by ±30 %).
/// Our publishers run with the client's event loop as their task executor,
/// the usage `NATSClient.taskExecutor` documents; the default-executor
/// figures are printed beside them.
enum NATSBench {
    static let payloadSize = 128
    static let coreMessages = 1_000_000
    static let sequentialMessages = 5_000
    static let pipelinedMessages = 50_000
    static let environment = ProcessInfo.processInfo.environment
    /// Acknowledgements outstanding in the pipelined run (`NATS_BENCH_WINDOW` overrides).
    static let window = environment["NATS_BENCH_WINDOW"].flatMap(Int.init) ?? 256
    static let rounds = environment["NATS_BENCH_ROUNDS"].flatMap(Int.init) ?? 3

    struct Rates: Decodable {
        var core: Double
        var jsSequential: Double
        var jsPipelined: Double
    }

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
        var pinned: [Rates] = []
        var unpinned: [Rates] = []
        var python: [Rates] = []
        var floors: [Double] = []
        for round in 0..<rounds {
            floors.append(try await sequentialFloor(url: url, stream: "RAW\(round)", messages: sequentialMessages))
            pinned.append(try await measureSwift(url: url, stream: "PINNED\(round)", pinned: true))
            unpinned.append(try await measureSwift(url: url, stream: "DEFAULT\(round)", pinned: false))
            python.append(try await measurePython(url: url, stream: "PY\(round)"))
        }
        let ours = median(pinned)
        let theirs = median(python)
        let plain = median(unpinned)
        func figures(_ name: String, _ ours: Double, _ theirs: Double, _ plain: Double) -> [BenchFigure] {
            [
                BenchFigure(name: "nats.\(name).swift", value: ours.rounded(), unit: "msgs/s"),
                BenchFigure(name: "nats.\(name).swift_default_executor", value: plain.rounded(), unit: "msgs/s"),
                BenchFigure(name: "nats.\(name).nats_py", value: theirs.rounded(), unit: "msgs/s"),
                BenchFigure(name: "nats.\(name).ratio", value: ours / theirs, unit: "x"),
            ]
        }
        return figures("core_publish", ours.core, theirs.core, plain.core)
            + figures("js_publish_ack_sequential", ours.jsSequential, theirs.jsSequential, plain.jsSequential)
            + figures("js_publish_ack_window\(window)", ours.jsPipelined, theirs.jsPipelined, plain.jsPipelined)
            + [
                BenchFigure(name: "nats.js_publish_ack_sequential.raw_socket_floor", value: floors.sorted()[rounds / 2].rounded(), unit: "msgs/s"),
                BenchFigure(name: "nats.js_publish_ack_sequential.highest_possible_ratio", value: floors.sorted()[rounds / 2] / theirs.jsSequential, unit: "x"),
                BenchFigure(name: "nats.rounds", value: Double(rounds), unit: "medians of"),
            ]
    }

    static func median(_ rates: [Rates]) -> Rates {
        func middle(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return Rates(core: middle(rates.map(\.core)), jsSequential: middle(rates.map(\.jsSequential)),
                     jsPipelined: middle(rates.map(\.jsPipelined)))
    }

    private static func measureSwift(url: String, stream: String, pinned: Bool) async throws -> Rates {
        var options = try NATSClientOptions(urls: url)
        options.requestTimeout = .seconds(30)
        let client = NATSClient(options: options)
        try await client.connect()
        do {
            let rates = try await measureSwift(client: client, stream: stream, pinned: pinned)
            await client.close()
            return rates
        } catch {
            await client.close()
            throw error
        }
    }

    private static func measureSwift(client: NATSClient, stream: String, pinned: Bool) async throws -> Rates {
        let js = JetStream(client: client, timeout: .seconds(30))
        let subject = "bench.\(stream.lowercased())"
        _ = try await js.createStream(StreamConfig(name: stream, subjects: ["\(subject).>"], storage: .file))
        var payload = ByteBuffer()
        payload.writeRepeatingByte(UInt8(ascii: "x"), count: payloadSize)
        func timed(_ body: () async throws -> Void) async throws -> Duration {
            let start = ContinuousClock.now
            if pinned {
                try await withTaskExecutorPreference(client.taskExecutor) { try await body() }
            } else {
                try await body()
            }
            return ContinuousClock.now - start
        }
        // Core publish: N messages, then a flush (PING/PONG) so all were processed.
        let core = try await timed {
            for _ in 0..<coreMessages { try await client.publish("bench.core", payload: payload) }
            try await client.flush(timeout: .seconds(60))
        }
        // JetStream, sequential: one publish, wait for its ack, next.
        let sequential = try await timed {
            for _ in 0..<sequentialMessages { _ = try await js.publish("\(subject).seq", payload: payload) }
        }
        // JetStream, pipelined: up to `window` acks outstanding.
        let pipelined = try await timed {
            var inFlight: [PubAckFuture] = []
            inFlight.reserveCapacity(window)
            var oldest = 0
            for _ in 0..<pipelinedMessages {
                let future = try await js.publishAsync("\(subject).pipe", payload: payload)
                if inFlight.count < window {
                    inFlight.append(future)
                } else {
                    _ = try await inFlight[oldest].value()
                    inFlight[oldest] = future
                    oldest = (oldest + 1) % window
                }
            }
            for future in inFlight { _ = try await future.value() }
        }
        try await js.deleteStream(stream)
        return Rates(core: Double(coreMessages) / core.seconds, jsSequential: Double(sequentialMessages) / sequential.seconds,
                     jsPipelined: Double(pipelinedMessages) / pipelined.seconds)
    }

    /// The same three measurements with nats-py (from `.venv` when present).
    private static func measurePython(url: String, stream: String) async throws -> Rates {
        let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
        let subject = "bench.\(stream.lowercased())"
        let script = """
        import asyncio, json, sys, time
        import nats
        async def main():
            nc = await nats.connect(sys.argv[1])
            js = nc.jetstream()
            await js.add_stream(name="\(stream)", subjects=["\(subject).>"], storage="file")
            payload = b"x" * \(payloadSize)
            n = \(coreMessages)
            t = time.perf_counter()
            for _ in range(n):
                await nc.publish("bench.core", payload)
            await nc.flush(timeout=60)
            core = n / (time.perf_counter() - t)
            m = \(sequentialMessages)
            t = time.perf_counter()
            for _ in range(m):
                await js.publish("\(subject).seq", payload)
            seq = m / (time.perf_counter() - t)
            m = \(pipelinedMessages)
            window = \(window)
            t = time.perf_counter()
            pending = []
            for _ in range(m):
                pending.append(await js.publish_async("\(subject).pipe", payload))
                if len(pending) >= window:
                    await asyncio.gather(*pending)
                    pending = []
            await asyncio.gather(*pending)
            pipe = m / (time.perf_counter() - t)
            await js.delete_stream("\(stream)")
            print(json.dumps({"core": core, "jsSequential": seq, "jsPipelined": pipe}))
            await nc.close()
        asyncio.run(main())
        """
        let output = try await BenchProcess.run(python, ["-c", script, url])
        guard output.status == 0, let line = output.stdout.split(separator: "\n").last else {
            throw BenchNATSError("nats-py run failed (is nats-py installed in .venv?): \(output.stderr.suffix(2000))")
        }
        return try JSONDecoder().decode(Rates.self, from: Data(line.utf8))
    }
}
