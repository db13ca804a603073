import Foundation
import KubeModel
@testable import LocalNode
import Testing

@Suite struct SandboxCommandTests {
    static func command(_ container: Container, entrypoint: String? = "/usr/bin/env", privateNetwork: Bool = false) -> SandboxCommand {
        var configuration = LocalNodeConfiguration(directory: URL(fileURLWithPath: "/var/lib/sympozium-test/node"), hiddenPaths: [])
        configuration.prlimitPath = "/usr/bin/prlimit"
        return SandboxCommand(
            configuration: configuration,
            pod: Pod(metadata: ObjectMeta(name: "p", namespace: "ns"), spec: PodSpec(securityContext: PodSecurityContext(runAsUser: 1000))),
            container: container, entrypoint: entrypoint,
            mounts: [ResolvedMount(source: "/data/ipc", destination: "/ipc", readOnly: false), ResolvedMount(source: "/data/skills", destination: "/skills", readOnly: true)],
            privateNetwork: privateNetwork)
    }

    @Test func sandboxesWithNamespacesUserCapabilitiesAndMounts() throws {
        let container = Container(
            name: "agent", image: "x", args: ["--flag"], workingDir: "/workspace",
            resources: ResourceRequirements(limits: ["memory": "128Mi", "cpu": "500m"]),
            securityContext: SecurityContext(capabilities: Capabilities(drop: ["ALL"]), runAsGroup: 2000, readOnlyRootFilesystem: true))
        let arguments = try Self.command(container, privateNetwork: true).arguments()
        let line = arguments.joined(separator: " ")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") {
            #expect(arguments.first == "/usr/bin/prlimit")
            #expect(arguments.contains("--data=134217728"))
            #expect(arguments.contains("--cpu=1800"))
        }
        for flag in ["--die-with-parent", "--unshare-pid", "--new-session", "--unshare-net", "--unshare-user"] {
            #expect(arguments.contains(flag), "\(flag)")
        }
        #expect(line.contains("--uid 1000 --gid 2000"))
        #expect(line.contains("--cap-drop ALL"))
        #expect(line.contains("--bind /data/ipc /ipc"))
        #expect(line.contains("--ro-bind /data/skills /skills"))
        #expect(line.contains("--remount-ro /"))
        #expect(line.contains("--chdir /workspace"))
        #expect(Array(arguments.suffix(3)) == ["--", "/usr/bin/env", "--flag"], "the host root shows /usr/bin/env")
    }

    @Test func commandReplacesTheEntrypointAndHostImagesNeedOne() throws {
        let withCommand = Container(name: "c", image: "x", command: ["/bin/sh", "-c", "true"], args: ["a"])
        #expect(try Self.command(withCommand).commandLine() == ["/bin/sh", "-c", "true", "a"])
        let noCommand = Container(name: "c", image: "x")
        #expect(throws: NodeError.self) { try Self.command(noCommand, entrypoint: nil).commandLine() }
        let network = try Self.command(noCommand).arguments()
        #expect(!network.contains("--unshare-net"))
        #expect(!network.contains("--remount-ro"))
    }
}
