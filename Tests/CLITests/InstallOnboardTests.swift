@testable import CLI
import ClusterTestSupport
import Foundation
import KubeModel
import Testing

@Suite("install, uninstall and onboard against the embedded control plane", .serialized)
struct InstallOnboardTests {
    @Test("install: dry run stores nothing; install applies everything and is idempotent; uninstall removes it, finalizers included")
    func installAndUninstall() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        do {
            let dry = try await cli.run(["install", "--dry-run"])
            #expect(dry.succeeded, "\(dry.stderr)")
            #expect(dry.stdout.contains("StatefulSet sympozium-system/nats applied (dry run)"))
            #expect(dry.stdout.contains("SkillPack sympozium-system/k8s-ops: would be applied once its CRD exists"))
            #expect(dry.stdout.contains("Deployment sympozium-system/sympozium-apiserver applied (dry run)"))
            #expect(dry.stdout.contains("Secret sympozium-system/sympozium-apiserver-token: the API token, would be created if missing (dry run)"))
            #expect(try await cli.cluster.kubectl(["get", "crd", "agentruns.sympozium.ai"]).succeeded == false)

            let installed = try await cli.run(["install"])
            #expect(installed.succeeded, "\(installed.stderr)")
            let deployments = try await cli.cluster.kubectlOK(["get", "deployments", "-n", "sympozium-system", "-o", "name"])
            #expect(deployments.contains("deployment.apps/sympozium-controller"))
            #expect(deployments.contains("deployment.apps/sympozium-webhook"))
            #expect(deployments.contains("deployment.apps/sympozium-apiserver"))
            #expect(installed.stdout.contains("Secret sympozium-system/sympozium-apiserver-token created"))
            let tokenPath = ["get", "secret", "sympozium-apiserver-token", "-n", "sympozium-system", "-o", "jsonpath={.data.token}"]
            let token = try await cli.cluster.kubectlOK(tokenPath)
            let decoded = Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(decoded.count == 64 && decoded.allSatisfy(\.isHexDigit), "32 random bytes in hex: \(decoded)")
            let apiEnv = try await cli.cluster.kubectlOK([
                "get", "deployment", "sympozium-apiserver", "-n", "sympozium-system",
                "-o", "jsonpath={.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name}",
            ])
            #expect(apiEnv == "sympozium-apiserver-token")
            let role = try await cli.cluster.kubectlOK(["get", "clusterrole", "sympozium-apiserver", "-o", "jsonpath={.rules[*].verbs}"])
            #expect(!role.contains("*") && !role.contains("update") && !role.contains("patch"), "least privilege: \(role)")
            let skills = try await cli.cluster.kubectlOK(["get", "skillpacks", "-n", "sympozium-system", "-o", "name"])
            #expect(skills.split(separator: "\n").count == 3)
            let again = try await cli.run(["install"])
            #expect(again.succeeded, "a second install is a no-op: \(again.stderr)")
            #expect(again.stdout.contains("Secret sympozium-system/sympozium-apiserver-token kept"))
            #expect(try await cli.cluster.kubectlOK(tokenPath) == token, "install never rotates the API token")

            // A run whose finalizer no controller will remove.
            try await cli.cluster.kubectlOK(
                ["apply", "-f", "-"],
                stdin: """
                    apiVersion: sympozium.ai/v1alpha1
                    kind: AgentRun
                    metadata: {name: stuck, finalizers: [sympozium.ai/agentrun-cleanup]}
                    spec: {instanceRef: alice, agentId: default, task: t, sessionKey: s, model: {provider: openai, model: m, authSecretRef: k}}
                    """)
            let uninstalled = try await cli.run(["uninstall", "--timeout", "1"])
            #expect(uninstalled.succeeded, "\(uninstalled.stderr)")
            #expect(uninstalled.stderr.contains("still had finalizers"))
            #expect(try await cli.cluster.kubectl(["get", "crd", "agentruns.sympozium.ai"]).succeeded == false)
            #expect(try await cli.cluster.kubectl(["get", "clusterrolebinding", "sympozium-controller"]).succeeded == false)
            #expect(try await cli.cluster.kubectl(["get", "clusterrolebinding", "sympozium-apiserver"]).succeeded == false)
            #expect(try await cli.cluster.kubectl(["get", "clusterrole", "sympozium-apiserver"]).succeeded == false)
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }

    @Test("every object install applies passes kubernetes-validate --strict for Kubernetes 1.30")
    func installManifestsValidate() async throws {
        let validator = GeneratedManifestsTests.packageRoot.appending(path: ".venv/bin/kubernetes-validate").path
        guard SystemComponent.require(validator, hint: "run scripts/test, which installs kubernetes-validate into .venv") != nil else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (index, object) in try InstallManifests().objects().enumerated() where object["apiVersion"]?.stringValue?.hasPrefix("sympozium.ai") != true {
            let url = directory.appending(path: "object-\(index).json")
            try object.serializedJSON().write(to: url)
            files.append(url.path)
        }
        let output = try await ProcessRunner.run(validator, ["--strict", "--quiet", "-k", "1.30.0"] + files, timeout: .seconds(120))
        #expect(output.succeeded, "\(output.stdout) \(output.stderr)")
    }

    @Test("onboard --non-interactive creates the Secret, the default policy and the instance; bad flags are clear errors")
    func onboardNonInteractive() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        do {
            let notInstalled = try await cli.run(["onboard", "--non-interactive", "--instance", "alice", "--provider", "openai", "--api-key", "k"])
            #expect(notInstalled.status == 1)
            #expect(notInstalled.stderr.contains("sympozium install"))
            try await cli.installCRDs()
            let done = try await ProcessRunner.run(
                cli.binary,
                ["onboard", "--non-interactive", "--instance", "alice", "--provider", "anthropic", "--api-key-env", "MY_KEY", "--kubeconfig", cli.cluster.kubeconfig.path],
                environment: ["HOME": cli.cluster.directory.path, "MY_KEY": "sk-test-123"])
            #expect(done.succeeded, "\(done.stderr)")
            let key = try await cli.cluster.kubectlOK(["get", "secret", "alice-anthropic-key", "-o", "jsonpath={.data.ANTHROPIC_API_KEY}"])
            #expect(Data(base64Encoded: key).map { String(decoding: $0, as: UTF8.self) } == "sk-test-123")
            let instance = try await cli.cluster.kubectlOK(["get", "sympoziuminstance", "alice", "-o", "jsonpath={.spec.policyRef}|{.spec.authRefs[0].secret}|{.spec.agents.default.model}"])
            #expect(instance == "default-policy|alice-anthropic-key|claude-sonnet-4-20250514")
            #expect(try await cli.cluster.kubectl(["get", "sympoziumpolicy", "default-policy"]).succeeded)

            // Slack's Socket Mode needs both tokens in the channel's Secret.
            let slackArguments = [
                "onboard", "--non-interactive", "--instance", "carol", "--provider", "ollama", "--channel", "slack",
                "--channel-token-env", "BOT", "--kubeconfig", cli.cluster.kubeconfig.path,
            ]
            let environment = ["HOME": cli.cluster.directory.path, "BOT": "xoxb-1", "APP": "xapp-1"]
            let noAppToken = try await ProcessRunner.run(cli.binary, slackArguments, environment: environment)
            #expect(noAppToken.status == 64 && noAppToken.stderr.contains("--channel-app-token-env"), "\(noAppToken.stderr)")
            let slack = try await ProcessRunner.run(cli.binary, slackArguments + ["--channel-app-token-env", "APP"], environment: environment)
            #expect(slack.succeeded, "\(slack.stderr)")
            let tokens = try await cli.cluster.kubectlOK(["get", "secret", "carol-slack", "-o", "jsonpath={.data.SLACK_BOT_TOKEN}|{.data.SLACK_APP_TOKEN}"])
            #expect(tokens == "\(Data("xoxb-1".utf8).base64EncodedString())|\(Data("xapp-1".utf8).base64EncodedString())")

            let missing = try await cli.run(["onboard", "--non-interactive", "--provider", "openai"])
            #expect(missing.status == 64)
            #expect(missing.stderr.contains("--instance is required"))
            let badProvider = try await cli.run(["onboard", "--non-interactive", "--instance", "bob", "--provider", "skynet"])
            #expect(badProvider.status == 64)
            #expect(badProvider.stderr.contains("unknown provider \"skynet\""))
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }

    @Test("onboard interactively through a pseudo-terminal: five steps, hidden key, channel, policy")
    func onboardInteractive() async throws {
        guard let cli = try await SympoziumCLI.start() else { return }
        guard let python = SystemComponent.require("/usr/bin/python3", hint: "install python3") else { return }
        do {
            try await cli.installCRDs()
            // Drives the wizard through a pty with the standard library's pty module.
            let script = """
                import os, pty, sys, time
                binary, kubeconfig = sys.argv[1], sys.argv[2]
                answers = ["bob\\n", "1\\n", "\\n", "sk-secret-999\\n", "2\\n", "tg-token\\n", "y\\n"]
                pid, fd = pty.fork()
                if pid == 0:
                    os.execv(binary, [binary, "onboard", "--kubeconfig", kubeconfig])
                out = b""
                prompts = [b"Instance name", b"Choose 1-5", b"Model", b"OPENAI_API_KEY", b"Choose 1-5", b"TELEGRAM_BOT_TOKEN", b"(y/n)"]
                deadline = time.time() + 60
                position = 0
                for prompt, answer in zip(prompts, answers):
                    while time.time() < deadline:
                        found = out.find(prompt, position)
                        if found >= 0:
                            position = found + len(prompt)
                            break
                        try:
                            chunk = os.read(fd, 4096)
                        except OSError:
                            chunk = b""
                        if not chunk:
                            break
                        out += chunk
                    os.write(fd, answer.encode())
                while time.time() < deadline:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    out += chunk
                _, status = os.waitpid(pid, 0)
                sys.stdout.write(out.decode(errors="replace"))
                sys.exit(os.waitstatus_to_exitcode(status))
                """
            let output = try await ProcessRunner.run(
                python, ["-c", script, cli.binary, cli.cluster.kubeconfig.path], environment: ["HOME": cli.cluster.directory.path, "NO_COLOR": "1"],
                timeout: .seconds(90))
            #expect(output.succeeded, "\(output.stdout) \(output.stderr)")
            #expect(!output.stdout.contains("sk-secret-999"), "the key must not be echoed")
            let instance = try await cli.cluster.kubectlOK(["get", "sympoziuminstance", "bob", "-o", "jsonpath={.spec.channels[0].type}|{.spec.policyRef}"])
            #expect(instance == "telegram|default-policy")
            let token = try await cli.cluster.kubectlOK(["get", "secret", "bob-telegram", "-o", "jsonpath={.data.TELEGRAM_BOT_TOKEN}"])
            #expect(Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) } == "tg-token")
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        await cli.cluster.stopAndRemove()
    }
}
