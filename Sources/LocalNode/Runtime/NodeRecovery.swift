import Foundation
import Logging

/// After a restart (even after kill -9): kills every sandbox a previous run
/// left (bwrap's --die-with-parent normally took them down already) and
/// returns the records of pods that were running, by uid.
struct NodeRecovery: Sendable {
    let configuration: LocalNodeConfiguration
    let logger: Logger

    func killLeftovers() -> [String: PodRecord] {
        let pods = configuration.directory.appending(path: "pods")
        guard let uids = try? FileManager.default.contentsOfDirectory(atPath: pods.path) else { return [:] }
        var records: [String: PodRecord] = [:]
        for uid in uids {
            let directory = PodDirectory(configuration: configuration, uid: uid)
            guard let record = PodRecord.load(directory.record) else { continue }
            for (name, container) in record.containers where container.running {
                for pid in [container.sandboxPID, container.launcherPID].compactMap({ $0 }) where Self.isSandbox(pid) {
                    kill(pid, SIGKILL)
                    logger.notice("killed a container left by a previous run", metadata: [
                        "k8s.namespace": "\(record.namespace)", "k8s.name": "\(record.name)", "container": "\(name)", "pid": "\(pid)",
                    ])
                }
            }
            records[uid] = record
        }
        return records
    }

    /// True when `pid` still runs a sandbox (not a reused pid).
    static func isSandbox(_ pid: Int32) -> Bool {
        guard pid > 1, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let command = String(decoding: data, as: UTF8.self)
        return command.contains("bwrap") || command.contains("prlimit") || FileManager.default.fileExists(atPath: "/proc/\(pid)/ns/pid")
            && (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/pid"))
                != (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid"))
    }
}
