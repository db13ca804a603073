import Foundation

/// Maps container images to local programs. A container's image must be
/// mapped: the program is its entrypoint (a container `command` replaces it,
/// as in Kubernetes). The program "host" means no entrypoint: the container's
/// command runs from the host's (read-only) filesystem.
///
/// Lookup order: exact image references, then prefixes (keys ending in "*"),
/// then the repository's last path component without tag ("agent-runner"),
/// then repository prefixes ("skill-*"). Relative program names are searched
/// in `searchDirectories` (by default the directory of the running
/// executable), then in PATH.
public struct ImageMap: Sendable, Hashable {
    public var images: [String: String]
    public var repositories: [String: String]
    public var searchDirectories: [String]

    public static let host = "host"

    /// Sympozium's own images: agent runner, IPC bridge, tool executor (also
    /// the program of skill sidecars), channels; the sandbox runs host commands.
    public static let sympoziumRepositories: [String: String] = [
        "agent-runner": "sympozium-agent-runner",
        "ipc-bridge": "sympozium-ipc-bridge",
        "tool-executor": "sympozium-tool-executor",
        "skill-*": "sympozium-tool-executor",
        "channel-*": "sympozium-channel-*",
        "sandbox": host,
    ]

    public init(
        images: [String: String] = [:], repositories: [String: String] = ImageMap.sympoziumRepositories,
        searchDirectories: [String] = [ImageMap.executableDirectory]
    ) {
        self.images = images
        self.repositories = repositories
        self.searchDirectories = searchDirectories
    }

    /// The directory of the running executable.
    public static var executableDirectory: String {
        (Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }) ?? FileManager.default.currentDirectoryPath
    }

    /// What an image maps to: a program path or "host"; nil when unmapped or missing.
    public func resolve(_ image: String) -> String? {
        guard let program = mapping(for: image) else { return nil }
        if program == Self.host { return program }
        return locate(program)
    }

    /// The program an image maps to, before looking it up on disk.
    func mapping(for image: String) -> String? {
        if let exact = images[image] { return exact }
        if let prefix = images.keys.filter({ $0.hasSuffix("*") && image.hasPrefix(String($0.dropLast())) }).max(by: { $0.count < $1.count }) {
            return images[prefix]
        }
        let name = Self.repositoryName(image)
        if let exact = repositories[name] { return exact }
        for (key, program) in repositories.sorted(by: { $0.key.count > $1.key.count }) where key.hasSuffix("*") {
            let prefix = String(key.dropLast())
            guard name.hasPrefix(prefix) else { continue }
            return program.hasSuffix("*") ? String(program.dropLast()) + name.dropFirst(prefix.count) : program
        }
        return nil
    }

    /// "ghcr.io/x/agent-runner:v1" → "agent-runner".
    static func repositoryName(_ image: String) -> String {
        var reference = image
        if let at = reference.firstIndex(of: "@") { reference = String(reference[..<at]) }
        let last = reference.split(separator: "/").last.map(String.init) ?? reference
        return last.split(separator: ":", maxSplits: 1).first.map(String.init) ?? last
    }

    private func locate(_ program: String) -> String? {
        if program.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchDirectories + path.split(separator: ":").map(String.init) {
            let candidate = (directory as NSString).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Adds entries from a JSON file {"image or prefix*": "program"}; a missing file adds nothing.
    public mutating func load(file: URL) throws {
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        do {
            let entries = try JSONDecoder().decode([String: String].self, from: data)
            images.merge(entries) { _, new in new }
        } catch {
            throw NodeError(code: "InvalidImageMap", "\(file.path) must be a JSON object of image → program: \(error)")
        }
    }

    /// Adds "image=program" entries (from flags).
    public mutating func add(flags: [String]) throws {
        for flag in flags {
            guard let equals = flag.firstIndex(of: "="), equals != flag.startIndex else {
                throw NodeError(code: "InvalidImageMap", "--image takes IMAGE=PROGRAM, got \"\(flag)\"")
            }
            images[String(flag[..<equals])] = String(flag[flag.index(after: equals)...])
        }
    }
}
