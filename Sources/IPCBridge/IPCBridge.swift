import EventBus
import Foundation
import KubeModel
import Logging
import ServiceLifecycle

/// The `ipc-bridge` sidecar: publishes the files the agent writes into /ipc
/// as events, writes inbound events (follow-ups, exec results, spawned
/// children's results) into /ipc, and finishes after the run completed.
public final class IPCBridge: ServiceLifecycle.Service, Sendable {
    public let configuration: IPCBridgeConfiguration
    let bus: any EventBus
    let logger: Logger

    public init(configuration: IPCBridgeConfiguration, bus: any EventBus, logger: Logger = Logger(label: "sympozium.ipc-bridge")) {
        self.configuration = configuration
        self.bus = bus
        var logger = logger
        logger[metadataKey: "agent.run"] = "\(configuration.agentRunID)"
        self.logger = logger
    }

    var root: URL { configuration.ipcDirectory }

    public func run() async throws {
        let fileManager = FileManager.default
        for directory in ["input"] + IPCFileRoute.directories {
            try fileManager.createDirectory(at: root.appending(path: directory), withIntermediateDirectories: true)
        }
        let watcher = try InotifyWatcher()
        try watcher.watch(root.path, key: "")
        for directory in IPCFileRoute.directories {
            try watcher.watch(root.appending(path: directory).path, key: directory)
        }
        let files = watcher.start()
        defer { watcher.stop() }
        logger.info("IPC bridge started", metadata: ["ipc.dir": "\(root.path)"])
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.consumeInbound() }
                let finished = try await self.publishFiles(files)
                if finished {
                    self.logger.info("run finished; bridge exits after its grace period")
                    try? await Task.sleep(for: self.configuration.exitGracePeriod)
                }
                group.cancelAll()
            }
        }
    }

    // MARK: Outbound: files -> events

    /// Publishes files until the run finished (true) or the stream ended (false).
    private func publishFiles(_ files: AsyncStream<WatchedFile>) async throws -> Bool {
        var processor = FileProcessor(bridge: self)
        if try await processor.rescan() { return true }
        for await file in files {
            if file.name.isEmpty {
                if try await processor.rescan() { return true }
            } else if try await processor.handle(file) {
                return true
            }
        }
        return false
    }

    struct FileProcessor {
        let bridge: IPCBridge
        var processed = Set<WatchedFile>()
        var lastStatus: Data?

        /// Files already present (written before the watch started, or after an overflow).
        mutating func rescan() async throws -> Bool {
            for directory in [""] + IPCFileRoute.directories {
                let url = directory.isEmpty ? bridge.root : bridge.root.appending(path: directory)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                for name in names.sorted(by: IPCBridge.fileOrder) {
                    if try await handle(WatchedFile(directory: directory, name: name)) { return true }
                }
            }
            return false
        }

        /// Publishes one file; true when the run is finished.
        mutating func handle(_ file: WatchedFile) async throws -> Bool {
            guard let route = IPCFileRoute.route(directory: file.directory, name: file.name) else { return false }
            if route != .status {
                guard processed.insert(file).inserted else { return false }
            }
            if route == .done { return true }
            let url = bridge.root.appending(path: file.directory).appending(path: file.name)
            let data: Data
            let value: JSONValue
            do {
                data = try IPCFiles.read(url)
                value = try JSONDecoder().decode(JSONValue.self, from: data)
            } catch {
                bridge.logger.error("skipping an unreadable IPC file", metadata: [
                    "ipc.file": "\(file.directory)/\(file.name)", "error": "\(error)",
                ])
                return false
            }
            switch route {
            case .status:
                guard data != lastStatus else { return false }
                lastStatus = data
                try await bridge.publish(topic: EventTopic.agentStatusUpdate, data: value, deduplicationID: nil)
            case .publish(let topic):
                try await bridge.publish(topic: topic, data: value, deduplicationID: "\(bridge.configuration.agentRunID)/\(file.directory)/\(file.name)")
                if file.directory == "messages" { try? FileManager.default.removeItem(at: url) }
            case .result:
                if bridge.configuration.suppressCompletion {
                    bridge.logger.info("gate mode: the completion event is left to the controller")
                } else {
                    let failed = value["status"]?.stringValue == "error"
                    try await bridge.publish(topic: failed ? EventTopic.agentRunFailed : EventTopic.agentRunCompleted, data: value,
                                             deduplicationID: "\(bridge.configuration.agentRunID)/result")
                }
                return true
            case .done:
                return true
            }
            return false
        }
    }

    /// Publishes with retries while the bus is unreachable, up to the retry window.
    func publish(topic: String, data: JSONValue, deduplicationID: String?) async throws {
        let event = BusEvent(topic: topic, metadata: configuration.metadata, data: data)
        let deadline = ContinuousClock.now + configuration.publishRetryWindow
        var wait = Duration.milliseconds(100)
        while true {
            do {
                try await bus.publish(event, deduplicationID: deduplicationID)
                return
            } catch {
                if ContinuousClock.now + wait > deadline {
                    logger.error("dropping an event the bus did not accept", metadata: ["event.topic": "\(topic)", "error": "\(error)"])
                    return
                }
                logger.warning("publish failed; retrying", metadata: ["event.topic": "\(topic)", "error": "\(error)"])
                try await Task.sleep(for: wait)
                wait = min(wait * 2, .seconds(2))
            }
        }
    }

    /// `stream-2.json` before `stream-10.json`; otherwise by name.
    static func fileOrder(_ lhs: String, _ rhs: String) -> Bool {
        func number(_ name: String) -> Int? {
            guard name.hasPrefix("stream-"), name.hasSuffix(".json") else { return nil }
            return Int(name.dropFirst(7).dropLast(5))
        }
        if let left = number(lhs), let right = number(rhs) { return left < right }
        return lhs < rhs
    }
}
