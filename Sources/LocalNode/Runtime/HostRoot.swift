import Foundation

/// The host directories a sandbox's root shows, read-only: every top-level
/// entry of / except private or per-sandbox ones (/proc, /dev, /tmp, /run,
/// /root, /home...), which become empty directories. Symlinks (merged /usr)
/// stay symlinks. Computed once.
struct HostRoot: Sendable {
    static let shared = HostRoot()

    static let skipped: Set<String> = ["proc", "dev", "tmp", "run", "root", "home", "boot", "lost+found", "var"]

    let arguments: [String]
    let visible: Set<String>

    init() {
        var arguments: [String] = []
        var visible: Set<String> = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? []
        for entry in entries.sorted() {
            let path = "/" + entry
            if Self.skipped.contains(entry) {
                arguments += ["--dir", path]
                continue
            }
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                arguments += ["--symlink", target, path]
                visible.insert(entry)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            arguments += ["--ro-bind", path, path]
            visible.insert(entry)
        }
        // /var: only what programs read (no host state, sockets or logs).
        for path in ["/var/lib/dpkg", "/var/cache/ldconfig"] where FileManager.default.fileExists(atPath: path) {
            arguments += ["--ro-bind", path, path]
        }
        arguments += ["--dir", "/var/tmp"]
        self.arguments = arguments
        self.visible = visible
    }

    /// Whether a host path shows inside sandboxes (through a visible top-level entry).
    func isVisible(_ path: String) -> Bool {
        guard let first = path.split(separator: "/").first else { return false }
        return visible.contains(String(first))
    }
}
