import Foundation
import Logging
import Synchronization

/// Everything the runner writes for others: /ipc/output/status.json,
/// /ipc/output/stream-<n>.json chunks, /ipc/output/result.json, the memory
/// and result blocks on stdout, and /ipc/done (docs/ipc-protocol.md).
public final class RunOutput: Sendable {
    public static let resultStart = "__SYMPOZIUM_RESULT__"
    public static let resultEnd = "__SYMPOZIUM_END__"
    /// Text is coalesced into chunks of about this size or age.
    static let chunkBytes = 2048
    static let chunkAge: Duration = .milliseconds(100)

    public let paths: RunnerPaths
    private let standardOutput: @Sendable (String) -> Void
    private let logger: Logger
    private let stream = Mutex(StreamState())

    struct StreamState {
        var index = 0
        var pendingType: String?
        var pending = ""
        var lastFlush = ContinuousClock.now
    }

    struct Chunk: Encodable {
        var type: String
        var content: String
        var toolId: String?
        var index: Int
    }

    struct Status: Encodable {
        var phase: String
        var message: String?
        var toolId: String?
    }

    public init(paths: RunnerPaths, logger: Logger, standardOutput: @escaping @Sendable (String) -> Void = RunOutput.writeToStandardOutput) {
        self.paths = paths
        self.logger = logger
        self.standardOutput = standardOutput
    }

    public static let writeToStandardOutput: @Sendable (String) -> Void = { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// status.json: "thinking", "tool_use", "responding" or "done".
    public func status(_ phase: String, message: String? = nil, toolID: String? = nil) {
        write(Status(phase: phase, message: message, toolId: toolID), to: "status.json")
    }

    /// Streamed model output, coalesced into chunks.
    public func record(_ event: StreamEvent) {
        switch event {
        case .text(let text): append("text", text)
        case .thinking(let text): append("thinking", text)
        case .toolCall(let id, let name): emit(type: "tool_use", content: name, toolID: id)
        }
    }

    public func toolResult(id: String, text: String) {
        emit(type: "tool_result", content: TextLimits.prefix(text, maxBytes: 4096), toolID: id)
    }

    /// Writes pending text as a chunk.
    public func flush() {
        let chunk = stream.withLock { state -> Chunk? in
            guard let type = state.pendingType, !state.pending.isEmpty else { return nil }
            defer {
                state.index += 1
                state.pending = ""
                state.pendingType = nil
                state.lastFlush = .now
            }
            return Chunk(type: type, content: state.pending, index: state.index)
        }
        if let chunk { write(chunk, to: "stream-\(chunk.index).json") }
    }

    private func append(_ type: String, _ text: String) {
        let due = stream.withLock { state -> Bool in
            if state.pendingType != nil, state.pendingType != type { return true }
            return false
        }
        if due { flush() }
        let full = stream.withLock { state -> Bool in
            state.pendingType = type
            state.pending += text
            return state.pending.utf8.count >= Self.chunkBytes || ContinuousClock.now - state.lastFlush >= Self.chunkAge
        }
        if full { flush() }
    }

    private func emit(type: String, content: String, toolID: String?) {
        flush()
        let index = stream.withLock { state -> Int in
            defer { state.index += 1 }
            return state.index
        }
        write(Chunk(type: type, content: content, toolId: toolID, index: index), to: "stream-\(index).json")
    }

    /// The end of the run: result.json, the memory block, the result block, /ipc/done.
    public func finish(_ result: RunResultDocument, memory: String?) {
        flush()
        status("done", message: result.status)
        write(result, to: "result.json")
        if let memory {
            standardOutput("\n\(MemoryBlock.start)\n\(Self.escapeMarkers(memory))\n\(MemoryBlock.end)\n")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(result)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"status":"error","error":"cannot encode the result"}"#
        standardOutput("\n\(Self.resultStart)\n\(Self.escapeMarkers(json))\n\(Self.resultEnd)\n")
        do {
            try AtomicFile.write(Data("done\n".utf8), to: paths.done)
        } catch {
            logger.error("cannot write the done file", metadata: ["path": "\(paths.done.path)", "error": "\(error)"])
        }
    }

    /// Marker text inside a block would end it early: inside JSON strings an
    /// escaped underscore reads the same; in memory text a zero-width space breaks it.
    static func escapeMarkers(_ text: String) -> String {
        guard text.contains("__SYMPOZIUM_") else { return text }
        let isJSON = text.hasPrefix("{")
        return text.replacingOccurrences(of: "__SYMPOZIUM_", with: isJSON ? "\\u005f_SYMPOZIUM_" : "_\u{200B}_SYMPOZIUM_")
    }

    private func write<Value: Encodable>(_ value: Value, to name: String) {
        do {
            try AtomicFile.write(json: value, to: paths.output.appendingPathComponent(name))
        } catch {
            logger.warning("cannot write an output file", metadata: ["file": "\(name)", "error": "\(error)"])
        }
    }
}
