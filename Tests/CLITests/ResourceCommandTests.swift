import ClusterTestSupport
import Foundation
import Testing

/// The real `sympozium` binary against an embedded API server.
struct SympoziumCLI {
    let cluster: TestCluster
    let binary: String

    static func start() async throws -> SympoziumCLI? {
        guard let binary = SystemComponent.sympozium else { return nil }
        return SympoziumCLI(cluster: try await TestCluster.start(), binary: binary)
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> ProcessOutput {
        try await ProcessRunner.run(
            binary, arguments + ["--kubeconfig", cluster.kubeconfig.path],
            environment: ["HOME": cluster.directory.path, "NO_COLOR": "1", "EDITOR": "false"], stdin: stdin, timeout: .seconds(60))
    }

    func installCRDs() async throws {
        try await cluster.kubectlOK(["apply", "-f", GeneratedManifestsTests.packageRoot.appending(path: "config/crd/bases").path])
        try await cluster.kubectlOK(["wait", "--for=condition=Established", "crd", "--all", "--timeout=30s"])
    }
}

@Suite("sympozium resource commands against the embedded control plane", .serialized)
struct ResourceCommandTests {
    static let objects = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumPolicy
        metadata: {name: default-policy}
        spec: {featureGates: {code-execution: true}}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: alice}
        spec:
          agents: {default: {model: gpt-4o}}
          policyRef: default-policy
          authRefs: [{provider: openai, secret: alice-openai}]
          memory: {enabled: true, maxSizeKB: 1}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata: {name: notes}
        spec: {skills: [{name: summarise, content: "# Summarise"}]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata: {name: first}
        spec:
          instanceRef: alice
          agentId: default
          task: say hello
          sessionKey: s1
          model: {provider: openai, model: gpt-4o, authSecretRef: alice-openai}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: alice-memory}
        data: {MEMORY.md: "# Memory\\n- the cluster has 3 nodes\\n"}
        """

    @Test("list, get and delete every kind; -o json/yaml/name; -A; clear errors and exit codes")
    func resources() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        do {
            try await cli.installCRDs()
            try await cli.cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.objects)

            let instances = try await cli.run(["instances", "list"])
            #expect(instances.succeeded, "\(instances.stderr)")
            #expect(instances.stdout.hasPrefix("NAME"))
            #expect(instances.stdout.contains("alice"))
            #expect(instances.stdout.contains("default-policy"))

            let runs = try await cli.run(["runs", "list", "-A"])
            #expect(runs.stdout.contains("NAMESPACE"))
            #expect(runs.stdout.contains("first"))
            #expect(runs.stdout.contains("Pending"))

            let policy = try await cli.run(["policies", "get", "default-policy", "-o", "json"])
            #expect(policy.succeeded)
            #expect(policy.stdout.contains("\"kind\" : \"SympoziumPolicy\""))
            let skills = try await cli.run(["skills", "list", "-o", "name"])
            #expect(skills.stdout == "skillpacks.sympozium.ai/notes\n")
            let yaml = try await cli.run(["instances", "get", "alice"])
            #expect(yaml.stdout.contains("kind: SympoziumInstance"))

            let missing = try await cli.run(["runs", "get", "nope"])
            #expect(missing.status == 1)
            #expect(missing.stderr == "error: run \"nope\" not found in namespace default\n")

            let noPod = try await cli.run(["runs", "logs", "first"])
            #expect(noPod.status == 1)
            #expect(noPod.stderr.contains("has no pod yet"))

            let deleted = try await cli.run(["runs", "delete", "first"])
            #expect(deleted.succeeded, "\(deleted.stderr)")
            #expect(try await cli.run(["runs", "list"]).stderr.contains("No runs found in namespace default"))

            let badOutput = try await cli.run(["runs", "list", "-o", "xml"])
            #expect(badOutput.status == 64)

            // Every kind: list, get and delete.
            try await cli.cluster.kubectlOK(
                ["apply", "-f", "-"],
                stdin: """
                    apiVersion: sympozium.ai/v1alpha1
                    kind: SympoziumSchedule
                    metadata: {name: nightly}
                    spec: {instanceRef: alice, schedule: "0 3 * * *", task: check backups}
                    """)
            for (noun, name) in [("instances", "alice"), ("policies", "default-policy"), ("skills", "notes"), ("schedules", "nightly")] {
                let listed = try await cli.run([noun, "list"])
                #expect(listed.succeeded && listed.stdout.contains(name), "\(noun) list: \(listed.stdout) \(listed.stderr)")
                let shown = try await cli.run([noun, "get", name, "-o", "json"])
                #expect(shown.succeeded && shown.stdout.contains("\"name\" : \"\(name)\""), "\(noun) get: \(shown.stderr)")
                let removed = try await cli.run([noun, "delete", name])
                #expect(removed.succeeded, "\(noun) delete: \(removed.stderr)")
                #expect(try await cli.run([noun, "get", name]).status == 1)
            }
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }

    @Test("schedule create, memory show and edit, features enable/disable/list")
    func everydayCommands() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        do {
            try await cli.installCRDs()
            try await cli.cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.objects)

            let created = try await cli.run([
                "schedule", "create", "daily", "--instance", "alice", "--cron", "0 9 * * *", "--task", "review alerts", "--include-memory",
            ])
            #expect(created.succeeded, "\(created.stderr)")
            let schedule = try await cli.cluster.kubectlOK(["get", "sympoziumschedule", "daily", "-o", "jsonpath={.spec.schedule}|{.spec.includeMemory}"])
            #expect(schedule == "0 9 * * *|true")
            let badCron = try await cli.run(["schedule", "create", "bad", "--instance", "alice", "--cron", "61 * * * *", "--task", "x"])
            #expect(badCron.status == 64)
            #expect(badCron.stderr.contains("--cron"))

            let memory = try await cli.run(["memory", "alice"])
            #expect(memory.stdout == "# Memory\n- the cluster has 3 nodes\n")
            let edited = try await cli.run(["memory", "alice", "edit", "--file", "-"], stdin: "# Memory\n- four nodes now\n")
            #expect(edited.succeeded, "\(edited.stderr)")
            #expect(try await cli.run(["memory", "alice"]).stdout == "# Memory\n- four nodes now\n")
            let tooBig = try await cli.run(["memory", "alice", "edit", "--file", "-"], stdin: String(repeating: "x", count: 2000))
            #expect(tooBig.status == 1)
            #expect(tooBig.stderr.contains("over the instance's limit of 1024"))
            let editorFails = try await cli.run(["memory", "alice", "edit"])
            #expect(editorFails.status == 1)
            #expect(editorFails.stderr.contains("the memory was not changed"))

            #expect(try await cli.run(["features", "enable", "browser-automation", "--policy", "default-policy"]).succeeded)
            #expect(try await cli.run(["features", "disable", "code-execution", "--policy", "default-policy"]).succeeded)
            let features = try await cli.run(["features", "list", "--policy", "default-policy"])
            #expect(features.stdout.contains("browser-automation   enabled"))
            #expect(features.stdout.contains("code-execution       disabled"))
            #expect(features.stdout.contains("sub-agents           unset"))
            let unknown = try await cli.run(["features", "enable", "teleport", "--policy", "default-policy"])
            #expect(unknown.status == 2)
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }

    @Test("doctor on a broken setup names each failing check with its fix and exits non-zero")
    func doctor() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        do {
            let broken = try await cli.run(["doctor"])
            #expect(broken.status == 1)
            #expect(broken.stdout.contains("✓ cluster: embedded control plane"))
            #expect(broken.stdout.contains("✗ CRDs: not served: SympoziumInstance, AgentRun, SympoziumPolicy, SkillPack, SympoziumSchedule"))
            #expect(broken.stdout.contains("fix: kubectl apply -f config/crd/bases/"))
            #expect(broken.stdout.contains("✗ controller: no controller manager holds the Lease"))

            try await cli.installCRDs()
            try await cli.cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.objects)
            let better = try await cli.run(["doctor"])
            #expect(better.status == 1)
            #expect(better.stdout.contains("✓ CRDs"))
            #expect(better.stdout.contains("✗ provider secrets: missing: default/alice-openai (instance alice)"))

            let unreachable = try await ProcessRunner.run(cli.binary, ["doctor", "--kubeconfig", "/nonexistent/kubeconfig"], environment: ["NO_COLOR": "1"])
            #expect(unreachable.status == 1)
            #expect(unreachable.stdout.contains("✗ cluster"))
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }
}

@Suite("sympozium help and shell completion")
struct HelpAndCompletionTests {
    @Test("--help lists the everyday commands; completion scripts for bash, zsh and fish")
    func helpAndCompletion() async throws {
        guard let binary = SystemComponent.sympozium else { return }
        let help = try await ProcessRunner.run(binary, ["--help"])
        for command in ["instances", "runs", "policies", "skills", "schedules", "schedule", "memory", "features", "doctor", "install", "uninstall", "onboard", "version"] {
            #expect(help.stdout.contains("  \(command)"), "--help lists \(command)")
        }
        for shell in ["bash", "zsh", "fish"] {
            let script = try await ProcessRunner.run(binary, ["--generate-completion-script", shell])
            #expect(script.succeeded)
            #expect(script.stdout.contains("sympozium"))
            #expect(script.stdout.contains("onboard"))
        }
    }
}
