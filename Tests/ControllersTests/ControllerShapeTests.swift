import ClusterTestSupport
import Controllers
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

@Suite("Sympozium controllers against the embedded control plane", .serialized)
struct ControllerShapeTests {
    static let manifests = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata: {name: notes}
        spec:
          skills:
          - {name: summarise, content: "# Summarise\\nKeep it short."}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata: {name: ops}
        spec:
          skills:
          - {name: kubectl, content: "# kubectl\\nUse kubectl."}
          sidecar:
            image: example.com/skill-ops:1
            command: ["sleep", "infinity"]
            rbac:
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            clusterRBAC:
            - {apiGroups: [""], resources: [nodes], verbs: [get, list]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumPolicy
        metadata: {name: strict}
        spec:
          subagentPolicy: {maxDepth: 1, maxConcurrent: 2}
          networkPolicy:
            denyAll: true
            allowDNS: true
            allowEventBus: true
            allowedEgress:
            - {host: 10.20.0.0/16, port: 443}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: alice}
        spec:
          channels:
          - {type: telegram, configRef: {secret: alice-telegram}}
          - {type: slack, configRef: {secret: alice-slack}}
          agents:
            default: {model: gpt-4o}
          skills:
          - {skillPackRef: notes}
          - {skillPackRef: ops}
          policyRef: strict
          authRefs:
          - {provider: openai, secret: alice-openai}
          memory: {enabled: true, maxSizeKB: 1}
        """

    static func run(_ name: String, depth: Int? = nil) -> String {
        var text = """
            apiVersion: sympozium.ai/v1alpha1
            kind: AgentRun
            metadata: {name: \(name)}
            spec:
              instanceRef: alice
              agentId: default
              task: say hello
              sessionKey: s-\(name)
              timeout: 10m
              model: {provider: openai, model: gpt-4o, authSecretRef: alice-openai}

            """
        if let depth { text += "  parent: {runName: root, sessionKey: root, spawnDepth: \(depth)}\n" }
        return text
    }

    @Test("skills, policy, instance and a run produce exactly the expected objects")
    func shapes() async throws {
        let plane = try await ControlPlane.start()
        do {
            try await plane.apply(Self.manifests)
            try await plane.apply(Self.run("first"))
            let client = plane.client
            let jobs = Api<Job>(client, namespace: "default")
            try await waitFor("the run's Job") { try await jobs.getIfExists("first") != nil }

            // SkillPack → ConfigMap and status.
            let packConfigMap = try await Api<ConfigMap>(client, namespace: "default").get("skillpack-notes")
            #expect(packConfigMap.data == ["summarise.md": "# Summarise\nKeep it short."])
            try await waitFor("SkillPack status") {
                try await Api<SkillPack>(client, namespace: "default").get("ops").status?.skillCount == 1
            }

            // Instance → channel Deployments and memory.
            let deployments = try await Api<Deployment>(client, namespace: "default").list().items
            #expect(Set(deployments.compactMap(\.metadata.name)) == ["alice-channel-telegram", "alice-channel-slack"])
            let telegram = try #require(deployments.first { $0.metadata.name == "alice-channel-telegram" })
            #expect(telegram.metadata.labels[SympoziumLabel.component] == "channel")
            #expect(telegram.metadata.labels[SympoziumLabel.channel] == "telegram")
            #expect(telegram.metadata.labels[SympoziumLabel.instance] == "alice")
            let channelContainer = try #require(telegram.spec.template.spec.containers.first)
            #expect(channelContainer.env.map(\.name).sorted() == ["EVENT_BUS_URL", "INSTANCE_NAME", "INSTANCE_NAMESPACE"])
            #expect(channelContainer.envFrom.first?.secretRef?.name == "alice-telegram")
            let memory = try await Api<ConfigMap>(client, namespace: "default").get("alice-memory")
            #expect(memory.data["MEMORY.md"] != nil)

            // Run → Job with the pod layout.
            let job = try await jobs.get("first")
            #expect(job.spec.backoffLimit == 0)
            #expect(job.spec.activeDeadlineSeconds == 600)
            #expect(job.metadata.ownerReferences.first?.kind == "AgentRun")
            let pod = job.spec.template
            #expect(pod.metadata.labels[SympoziumLabel.role] == "agent")
            #expect(pod.metadata.labels["sympozium.ai/policy"] == "strict")
            #expect(pod.spec.containers.map(\.name) == ["agent", "ipc-bridge", "skill-ops"])
            #expect(pod.spec.serviceAccountName == "first-agent")
            #expect(pod.spec.securityContext?.runAsNonRoot == true)
            #expect(pod.spec.securityContext?.runAsUser == 1000)
            #expect(pod.spec.securityContext?.seccompProfile?.type == .runtimeDefault)
            let agent = pod.spec.containers[0]
            #expect(agent.securityContext?.readOnlyRootFilesystem == true)
            #expect(agent.securityContext?.allowPrivilegeEscalation == false)
            #expect(agent.securityContext?.capabilities?.drop == ["ALL"])
            #expect(Set(agent.env.map(\.name)).isSuperset(of: ["AGENT_RUN_ID", "AGENT_ID", "SESSION_KEY", "TASK", "MODEL_PROVIDER", "MODEL_NAME", "MEMORY_ENABLED"]))
            #expect(agent.envFrom.first?.secretRef?.name == "alice-openai")
            #expect(Set(agent.volumeMounts.map(\.mountPath)) == ["/workspace", "/ipc", "/tmp", "/skills", "/memory"])
            #expect(agent.volumeMounts.first { $0.mountPath == "/skills" }?.readOnly == true)
            #expect(agent.volumeMounts.first { $0.mountPath == "/memory" }?.readOnly == true)
            #expect(pod.spec.volumes.first { $0.name == "ipc" }?.emptyDir?.medium == "Memory")

            // Per-run identity and skill RBAC.
            let account = try await Api<ServiceAccount>(client, namespace: "default").get("first-agent")
            #expect(account.metadata.ownerReferences.first?.name == "first")
            let input = try await Api<ConfigMap>(client, namespace: "default").get("first-input")
            #expect(input.data["task"] == "say hello")
            let role = try await Api<Role>(client, namespace: "default").get("first-skill-ops")
            #expect(role.rules.first?.resources == ["pods"])
            let binding = try await Api<RoleBinding>(client, namespace: "default").get("first-skill-ops")
            #expect(binding.subjects.first?.name == "first-agent")
            let clusterRole = try await Api<ClusterRole>(client).get("sympozium-default-first-ops")
            #expect(clusterRole.rules.first?.resources == ["nodes"])
            #expect(clusterRole.metadata.labels[SympoziumLabel.agentRun] == "first")
            _ = try await Api<ClusterRoleBinding>(client).get("sympozium-default-first-ops")

            // Policy → NetworkPolicy selecting the labels agent pods carry.
            let networkPolicy = try await Api<NetworkPolicy>(client, namespace: "default").get("sympozium-agents-strict")
            #expect(networkPolicy.spec.podSelector.matchLabels == [SympoziumLabel.role: "agent", "sympozium.ai/policy": "strict"])
            #expect(networkPolicy.spec.policyTypes == [.egress])
            #expect(networkPolicy.spec.egress.count == 3)
            try await waitFor("the policy's bound instance count") {
                try await Api<SympoziumPolicy>(client, namespace: "default").get("strict").status?.boundInstances == 1
            }

            try await Self.validateGeneratedObjects(client)

            // The run is Running, holding a finalizer for its cluster RBAC (no ownerReference can
            // collect that); the Job succeeds; the run succeeds, its cluster RBAC goes, then the finalizer.
            let runs = Api<AgentRun>(client, namespace: "default")
            try await waitFor("Running") { try await runs.get("first").status?.phase == .running }
            #expect(try await runs.get("first").metadata.finalizers == ["sympozium.ai/agentrun-cleanup"])
            try await finishJob(client, name: "first", succeeded: true)
            try await waitFor("Succeeded") { try await runs.get("first").status?.phase == .succeeded }
            try await waitFor("cluster RBAC removed") { try await Api<ClusterRole>(client).getIfExists("sympozium-default-first-ops") == nil }
            #expect(try await Api<ClusterRoleBinding>(client).getIfExists("sympozium-default-first-ops") == nil)
            try await waitFor("the finalizer released") { try await runs.get("first").metadata.finalizers.isEmpty }
            let finished = try await runs.get("first")
            #expect(finished.status?.completedAt != nil)
            #expect(finished.status?.conditions.first?.observedGeneration == finished.metadata.generation)

            // Removing a channel removes its Deployment.
            _ = try await Api<SympoziumInstance>(client, namespace: "default").patch(
                "alice", .merge(["spec": ["channels": [["type": "telegram", "configRef": ["secret": "alice-telegram"]]]]]))
            try await waitFor("the slack Deployment to go") {
                try await Api<Deployment>(client, namespace: "default").getIfExists("alice-channel-slack") == nil
            }
            try await waitFor("totalAgentRuns") {
                try await Api<SympoziumInstance>(client, namespace: "default").get("alice").status?.totalAgentRuns == 1
            }
        } catch {
            await plane.stop()
            throw error
        }
        await plane.stop()
    }

    @Test("a run over maxConcurrent or too deep fails with a clear reason; deleting a run removes its RBAC")
    func limits() async throws {
        let plane = try await ControlPlane.start()
        do {
            try await plane.apply(Self.manifests)
            let runs = Api<AgentRun>(plane.client, namespace: "default")
            try await plane.apply(Self.run("one"))
            try await waitFor("one Running") { try await runs.get("one").status?.phase == .running }
            try await plane.apply(Self.run("two"))
            try await waitFor("two Running") { try await runs.get("two").status?.phase == .running }
            try await plane.apply(Self.run("three"))
            try await waitFor("three Failed") { try await runs.get("three").status?.phase == .failed }
            let three = try await runs.get("three")
            #expect(three.status?.error?.contains("already has 2 runs in flight") == true)
            #expect(three.status?.error?.contains("policy strict") == true)

            try await plane.apply(Self.run("deep", depth: 2))
            try await waitFor("deep Failed") { try await runs.get("deep").status?.phase == .failed }
            #expect(try await runs.get("deep").status?.error?.contains("depth 2 exceeds the maximum of 1") == true)

            // A running run deleted: its cluster RBAC goes with it.
            #expect(try await Api<ClusterRole>(plane.client).getIfExists("sympozium-default-one-ops") != nil)
            try await runs.delete("one")
            try await waitFor("the run gone") { try await runs.getIfExists("one") == nil }
            #expect(try await Api<ClusterRole>(plane.client).getIfExists("sympozium-default-one-ops") == nil)
            #expect(try await Api<ClusterRoleBinding>(plane.client).getIfExists("sympozium-default-one-ops") == nil)

            // The timeout is enforced: the Job is stopped and the run fails with reason Timeout.
            try await plane.apply(Self.run("slow").replacingOccurrences(of: "timeout: 10m", with: "timeout: 2s"))
            try await waitFor("slow Failed") { try await runs.get("slow").status?.phase == .failed }
            let slow = try await runs.get("slow")
            #expect(slow.status?.conditions.first?.reason == "Timeout")
            try await waitFor("the slow Job stopped") { try await Api<Job>(plane.client, namespace: "default").getIfExists("slow") == nil }
        } catch {
            await plane.stop()
            throw error
        }
        await plane.stop()
    }

    @Test("schedules: Replace replaces the running run, Forbid waits, totals counted")
    func schedules() async throws {
        let plane = try await ControlPlane.start()
        do {
            try await plane.apply(Self.manifests)
            try await plane.apply("""
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumSchedule
                metadata: {name: swap}
                spec: {instanceRef: alice, schedule: "@every 1s", task: check, concurrencyPolicy: Replace}
                ---
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumSchedule
                metadata: {name: single}
                spec: {instanceRef: alice, schedule: "@every 1s", task: check, concurrencyPolicy: Forbid}
                """)
            let schedules = Api<SympoziumSchedule>(plane.client, namespace: "default")
            let runs = Api<AgentRun>(plane.client, namespace: "default")
            try await waitFor("swap to run three times") { (try await schedules.get("swap").status?.totalRuns ?? 0) >= 3 }
            let swapRuns = try await runs.list().items.filter { $0.metadata.labels[SympoziumLabel.schedule] == "swap" && $0.metadata.deletionTimestamp == nil }
            #expect(swapRuns.count == 1, "Replace keeps one run: \(swapRuns.compactMap(\.metadata.name))")
            let status = try await schedules.get("swap").status
            #expect(swapRuns.first?.metadata.name == status?.lastRunName)
            #expect(status?.nextRunTime != nil)
            #expect(swapRuns.first?.metadata.ownerReferences.first?.kind == "SympoziumSchedule")

            try await Task.sleep(for: .seconds(2))
            let single = try await schedules.get("single").status
            #expect(single?.totalRuns == 1, "Forbid does not start a second run while the first is active")
        } catch {
            await plane.stop()
            throw error
        }
        await plane.stop()
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every object the controllers generated passes `kubernetes-validate --strict`
    /// for Kubernetes 1.30, so a real cluster accepts it.
    static func validateGeneratedObjects(_ client: KubeClient) async throws {
        let validator = packageRoot.appending(path: ".venv/bin/kubernetes-validate").path
        guard SystemComponent.require(validator, hint: "run scripts/test, which installs kubernetes-validate into .venv") != nil else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-generated-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var objects: [JSONValue] = []
        func add<R: KubernetesResource>(_ items: [R]) throws {
            for var item in items {
                item.fillTypeMeta()
                var value = try JSONValue(encoding: item)
                for field in ["uid", "resourceVersion", "creationTimestamp", "managedFields", "generation"] {
                    value["metadata"]?[field] = nil
                }
                value["status"] = nil
                objects.append(value)
            }
        }
        try add(try await Api<Job>(client, namespace: "default").list().items)
        try add(try await Api<Deployment>(client, namespace: "default").list().items)
        try add(try await Api<ConfigMap>(client, namespace: "default").list().items)
        try add(try await Api<ServiceAccount>(client, namespace: "default").list().items.filter { $0.metadata.name != "default" })
        try add(try await Api<Role>(client, namespace: "default").list().items)
        try add(try await Api<RoleBinding>(client, namespace: "default").list().items)
        try add(try await Api<NetworkPolicy>(client, namespace: "default").list().items)
        let runSelector = ListParameters(labelSelector: SympoziumLabel.agentRun)
        try add(try await Api<ClusterRole>(client).list(runSelector).items)
        try add(try await Api<ClusterRoleBinding>(client).list(runSelector).items)
        var files: [String] = []
        for (index, object) in objects.enumerated() {
            let path = "\(directory)/object-\(index).json"
            try object.serializedJSON().write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        #expect(objects.count >= 12)
        let output = try await ProcessRunner.run(validator, ["--strict", "--quiet", "-k", "1.30.0"] + files, timeout: .seconds(120))
        #expect(output.succeeded, "kubernetes-validate: \(output.stdout) \(output.stderr)")
    }
}
