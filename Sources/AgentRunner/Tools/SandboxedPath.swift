import Foundation

/// Resolves a path the model gave against the directories a tool may use.
///
/// The model sees the pod's paths (`/workspace`, `/skills`, `/tmp`, `/ipc`);
/// they map onto `RunnerPaths` (moved by environment variables outside a
/// container). A path is refused when it leaves its root lexically (`..`)
/// or through a symbolic link: the real path of the target (or of its
/// deepest existing ancestor, for a file to create) must stay inside the
/// real path of the root.
struct SandboxedPath {
    struct Root {
        /// The path the model uses, e.g. `/workspace`.
        var logical: String
        var physical: URL
    }

    struct Refused: ToolFailure {
        var description: String
    }

    var roots: [Root]

    static func readable(_ paths: RunnerPaths) -> SandboxedPath {
        SandboxedPath(roots: [
            Root(logical: "/workspace", physical: paths.workspace), Root(logical: "/skills", physical: paths.skills),
            Root(logical: "/tmp", physical: paths.tmp), Root(logical: "/ipc", physical: paths.ipc),
        ])
    }

    static func writable(_ paths: RunnerPaths) -> SandboxedPath {
        SandboxedPath(roots: [Root(logical: "/workspace", physical: paths.workspace), Root(logical: "/tmp", physical: paths.tmp)])
    }

    var allowedList: String { roots.map(\.logical).joined(separator: ", ") }

    /// The physical path for `requested`, checked. `mustExist` = false allows a
    /// path whose last components do not exist yet (a file to write).
    func resolve(_ requested: String, mustExist: Bool = true) throws -> URL {
        guard !requested.isEmpty, !requested.contains("\0") else { throw Refused(description: "the path is empty or invalid") }
        // Relative paths are relative to the workspace.
        let absolute = requested.hasPrefix("/") ? requested : "/workspace/" + requested
        guard let components = Self.normalize(absolute) else {
            throw Refused(description: "access denied: \(requested) leaves the allowed directories (\(allowedList))")
        }
        let normalized = "/" + components.joined(separator: "/")
        guard let (root, relative) = match(normalized) else {
            throw Refused(description: "access denied: \(requested) is not under \(allowedList)")
        }
        var physical = root.physical
        for component in relative { physical.appendPathComponent(component) }

        let rootReal = Self.realPath(root.physical.path) ?? root.physical.path
        let existing: String
        if let real = Self.realPath(physical.path) {
            existing = real
        } else if mustExist {
            throw Refused(description: "\(requested) does not exist")
        } else {
            // The deepest ancestor that exists must be inside the root.
            var ancestor = physical.deletingLastPathComponent()
            var found: String?
            while found == nil {
                found = Self.realPath(ancestor.path)
                if ancestor.path == "/" || ancestor.path.isEmpty { break }
                if found == nil { ancestor.deleteLastPathComponent() }
            }
            existing = found ?? "/"
        }
        guard existing == rootReal || existing.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
            throw Refused(description: "access denied: \(requested) resolves through a symbolic link to outside \(root.logical)")
        }
        return physical
    }

    /// The root a normalized path falls under (by logical or physical path),
    /// and the components below it.
    private func match(_ path: String) -> (Root, [String])? {
        let candidates = roots.flatMap { root in [(root, root.logical), (root, root.physical.path)] }
            .sorted { $0.1.count > $1.1.count }
        for (root, prefix) in candidates {
            if path == prefix { return (root, []) }
            let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
            if path.hasPrefix(base) {
                return (root, path.dropFirst(base.count).split(separator: "/").map(String.init))
            }
        }
        return nil
    }

    /// Lexical normalization; nil when `..` climbs above `/`.
    static func normalize(_ path: String) -> [String]? {
        var result: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !result.isEmpty else { return nil }
                result.removeLast()
            default: result.append(String(component))
            }
        }
        return result
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
