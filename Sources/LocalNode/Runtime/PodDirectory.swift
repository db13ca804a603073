import Foundation
import KubeModel

/// Where one pod lives on disk: `<node>/pods/<uid>/` holds `record.json`
/// (what the node knows, to recover after a restart), `volumes/<name>/` and
/// `logs/<container>/<restart>.log`. Memory-backed emptyDirs live under the
/// node's memory root, persistent volume claims under `<node>/claims/`.
struct PodDirectory: Sendable {
    let root: URL
    let memoryRoot: URL
    let claimsRoot: URL

    init(configuration: LocalNodeConfiguration, uid: String) {
        root = configuration.directory.appending(path: "pods").appending(path: uid)
        memoryRoot = configuration.memoryVolumeRoot.appending(path: uid)
        claimsRoot = configuration.directory.appending(path: "claims")
    }

    var record: URL { root.appending(path: "record.json") }
    var volumes: URL { root.appending(path: "volumes") }
    var serviceAccount: URL { root.appending(path: "serviceaccount") }

    func volume(_ name: String) -> URL { volumes.appending(path: name) }
    func memoryVolume(_ name: String) -> URL { memoryRoot.appending(path: name) }
    func claim(namespace: String, name: String) -> URL { claimsRoot.appending(path: namespace).appending(path: name) }

    func logDirectory(_ container: String) -> URL { root.appending(path: "logs").appending(path: container) }
    func log(_ container: String, restart: Int) -> URL { logDirectory(container).appending(path: "\(restart).log") }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.removeItem(at: memoryRoot)
    }

    static func safeName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}

/// What the node remembers about a pod between restarts.
struct PodRecord: Codable, Sendable {
    struct ContainerRecord: Codable, Sendable {
        var launcherPID: Int32?
        var sandboxPID: Int32?
        var restartCount: Int
        var running: Bool
    }

    var namespace: String
    var name: String
    var uid: String
    var containers: [String: ContainerRecord] = [:]

    static func load(_ url: URL) -> PodRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(PodRecord.self, from: data)
    }

    func save(_ url: URL) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? data.write(to: url, options: .atomic)
    }
}
