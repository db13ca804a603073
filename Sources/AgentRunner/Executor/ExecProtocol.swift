/// `/ipc/tools/exec-request-<id>.json` (docs/ipc-protocol.md).
public struct ExecRequest: Codable, Sendable, Hashable {
    public var id: String
    public var command: String
    public var args: [String]?
    public var workDir: String?
    /// Seconds; clamped to 1...120 by the executor (missing or < 1 = 30).
    public var timeout: Int?
    public var stdin: String?
    /// The skill pack that should run it; nil or empty = any sidecar.
    public var target: String?

    public init(
        id: String, command: String, args: [String]? = nil, workDir: String? = nil, timeout: Int? = nil, stdin: String? = nil,
        target: String? = nil
    ) {
        self.id = id
        self.command = command
        self.args = args
        self.workDir = workDir
        self.timeout = timeout
        self.stdin = stdin
        self.target = target
    }

    public static let defaultTimeout = 30
    public static let timeoutRange = 1...120

    /// The timeout the executor applies, in seconds.
    public var effectiveTimeout: Int {
        guard let timeout, timeout >= 1 else { return Self.defaultTimeout }
        return min(timeout, Self.timeoutRange.upperBound)
    }
}

/// `/ipc/tools/exec-result-<id>.json`.
public struct ExecResult: Codable, Sendable, Hashable {
    public var id: String
    public var exitCode: Int
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool

    public init(id: String, exitCode: Int, stdout: String, stderr: String, timedOut: Bool = false) {
        self.id = id
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }

    enum CodingKeys: String, CodingKey { case id, exitCode, stdout, stderr, timedOut }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
        stdout = try container.decodeIfPresent(String.self, forKey: .stdout) ?? ""
        stderr = try container.decodeIfPresent(String.self, forKey: .stderr) ?? ""
        timedOut = try container.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false
    }
}

/// File names in /ipc/tools.
public enum ExecFiles {
    public static let requestPrefix = "exec-request-"
    public static let resultPrefix = "exec-result-"
    public static let claimPrefix = ".claim-"

    public static func request(_ id: String) -> String { "\(requestPrefix)\(id).json" }
    public static func result(_ id: String) -> String { "\(resultPrefix)\(id).json" }
    public static func claim(_ id: String) -> String { "\(claimPrefix)\(id)" }

    /// The id of a request file name, or nil when the name is not one.
    public static func requestID(fromFileName name: String) -> String? {
        guard name.hasPrefix(requestPrefix), name.hasSuffix(".json") else { return nil }
        let id = String(name.dropFirst(requestPrefix.count).dropLast(".json".count))
        return IPCIdentifier.isSafe(id) ? id : nil
    }
}
