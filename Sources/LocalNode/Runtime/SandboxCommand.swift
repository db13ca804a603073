import Foundation
import KubeModel

/// The command line that runs one container: prlimit (rlimits from
/// resources.limits) then bubblewrap with a root of its own (a tmpfs, made
/// read-only with readOnlyRootFilesystem) holding the host's system
/// directories read-only, the data directory hidden, the pod's volumes bound at their mount paths, private
/// pid/ipc/uts (and, when isolated, network) namespaces, a user namespace
/// with runAsUser/runAsGroup, and every capability dropped.
struct SandboxCommand: Sendable {
    var configuration: LocalNodeConfiguration
    var pod: Pod
    var container: Container
    /// The image's program, or nil for "host" images.
    var entrypoint: String?
    var mounts: [ResolvedMount]
    var privateNetwork: Bool

    /// Memory limits become RLIMIT_DATA (heap and anonymous mappings); CPU
    /// limits become a CPU-time budget of limit × one hour (RLIMIT_CPU).
    static let cpuBudgetSeconds: Int64 = 3600

    var userID: Int64 { container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser ?? 0 }
    var groupID: Int64 { container.securityContext?.runAsGroup ?? pod.spec.securityContext?.runAsGroup ?? userID }
    var readOnlyRoot: Bool { container.securityContext?.readOnlyRootFilesystem ?? false }

    func arguments() throws -> [String] {
        limitArguments() + bwrapArguments() + ["--"] + (try commandLine())
    }

    /// What runs inside: command replaces the entrypoint, args follow.
    func commandLine() throws -> [String] {
        if !container.command.isEmpty { return container.command + container.args }
        guard entrypoint != nil else {
            throw NodeError(
                code: "CreateContainerError",
                "image \"\(container.image ?? "")\" is mapped to host programs: the container needs a command")
        }
        return [sandboxEntrypoint] + container.args
    }

    /// Where the image's program shows inside: its own path when the host
    /// root shows it, else a private path (its directory may be hidden or
    /// covered by a volume).
    var sandboxEntrypoint: String {
        guard let entrypoint else { return "" }
        if HostRoot.shared.isVisible(entrypoint), !mounts.contains(where: { entrypoint.hasPrefix($0.destination + "/") }) {
            return entrypoint
        }
        return "/.sympozium/bin/" + (entrypoint as NSString).lastPathComponent
    }

    func limitArguments() -> [String] {
        guard let prlimit = configuration.prlimitPath, FileManager.default.isExecutableFile(atPath: prlimit) else { return [] }
        let limits = container.resources?.limits ?? [:]
        var arguments: [String] = []
        if let memory = limits["memory"], memory.integerValue > 0 {
            arguments.append("--data=\(memory.integerValue)")
        }
        if let cpu = limits["cpu"], cpu.milliValue > 0 {
            arguments.append("--cpu=\(max(1, cpu.milliValue * Self.cpuBudgetSeconds / 1000))")
        }
        return arguments.isEmpty ? [] : [prlimit] + arguments
    }

    func bwrapArguments() -> [String] {
        var arguments = [
            configuration.bwrapPath, "--die-with-parent", "--new-session", "--unshare-pid", "--as-pid-1", "--unshare-ipc",
            "--unshare-uts", "--hostname", String((pod.metadata.name ?? "pod").prefix(63)),
            "--unshare-user", "--uid", "\(userID)", "--gid", "\(groupID)",
        ]
        if privateNetwork { arguments.append("--unshare-net") }
        arguments += ["--cap-drop", "ALL", "--info-fd", "3"]
        arguments += HostRoot.shared.arguments
        arguments += ["--dev", "/dev", "--proc", "/proc"]
        for hidden in configuration.hiddenPaths + [configuration.directory.path] where HostRoot.shared.isVisible(hidden) {
            arguments += ["--tmpfs", hidden]
        }
        for secret in ["/etc/shadow", "/etc/gshadow"] where FileManager.default.fileExists(atPath: secret) {
            arguments += ["--ro-bind", "/dev/null", secret]
        }
        if let entrypoint, entrypoint != sandboxEntrypoint {
            arguments += ["--ro-bind", entrypoint, sandboxEntrypoint]
        }
        for mount in mounts.sorted(by: { $0.destination.count < $1.destination.count }) {
            arguments += [mount.readOnly ? "--ro-bind" : "--bind", mount.source, mount.destination]
        }
        if readOnlyRoot { arguments += ["--remount-ro", "/"] }
        arguments += ["--chdir", container.workingDir ?? "/"]
        return arguments
    }
}
