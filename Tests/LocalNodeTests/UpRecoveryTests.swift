import ClusterTestSupport
import Foundation
import KubeModel
import Testing

@Suite(.serialized) struct UpRecoveryTests {
    static func podManifest(_ name: String, restartPolicy: String, token: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: default}
        spec:
          restartPolicy: \(restartPolicy)
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: test/host:1
            command: ["/bin/sh", "-c", "while true; do sleep 0.1; done # \(token)"]
        """
    }

    static func waitFor(_ what: String, timeout: Duration = .seconds(30), _ check: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await check()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NodeCluster.TimedOut(what: what)
    }

    /// `sympozium up` runs the API server, the CRDs and the node; after a
    /// kill -9 no sandbox survives; after a restart, pods that were running
    /// are failed (restartPolicy Never) or re-run (Always); a graceful stop
    /// ends every pod's processes.
    @Test func upSurvivesKillNineWithoutLeftoversAndRecoversPods() async throws {
        guard NodeCluster.bwrapAvailable, SystemComponent.kubectl != nil, UpProcess.executable != nil else {
            if SystemComponent.isCI { Issue.record("the sympozium executable is not built") }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-up-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let never = "never\(UUID().uuidString.prefix(8))"
        let always = "always\(UUID().uuidString.prefix(8))"

        let first = UpProcess(directory: directory, arguments: ["--image", "test/host:1=host"])
        try first.start()
        do {
            try await first.waitReady()
            try await Self.waitFor("the sympozium.ai CRDs") {
                try await first.kubectl("get", "crd", "agentruns.sympozium.ai").succeeded
            }
            let applied = try await first.kubectl(
                "apply", "-f", "-", stdin: Self.podManifest("once", restartPolicy: "Never", token: never) + "\n---\n"
                    + Self.podManifest("forever", restartPolicy: "Always", token: always))
            #expect(applied.succeeded, "\(applied.stderr)")
            try await Self.waitFor("both pods to run") {
                !ProcessTable.pids(containing: never).isEmpty && !ProcessTable.pids(containing: always).isEmpty
            }
            try await Self.waitFor("both pods to report Running") {
                let phases = try await first.kubectl("get", "pods", "-o", "jsonpath={.items[*].status.phase}")
                return phases.stdout == "Running Running"
            }
        } catch {
            first.kill9()
            throw error
        }
        first.kill9()
        try await Self.waitFor("no container to survive kill -9", timeout: .seconds(10)) {
            ProcessTable.pids(containing: never).isEmpty && ProcessTable.pids(containing: always).isEmpty
        }

        let second = UpProcess(directory: directory, arguments: ["--image", "test/host:1=host"])
        try second.start()
        do {
            try await second.waitReady()
            try await Self.waitFor("the Never pod to be marked Failed") {
                let output = try await second.kubectl("get", "pod", "once", "-o", "jsonpath={.status.phase}/{.status.reason}")
                return output.stdout == "Failed/NodeRestart"
            }
            try await Self.waitFor("the Always pod to run again") {
                let output = try await second.kubectl(
                    "get", "pod", "forever", "-o", "jsonpath={.status.phase}/{.status.containerStatuses[0].restartCount}")
                return output.stdout == "Running/1" && !ProcessTable.pids(containing: always).isEmpty
            }
            #expect(ProcessTable.pids(containing: never).isEmpty)
        } catch {
            second.kill9()
            throw error
        }
        await second.terminate()
        try await Self.waitFor("a graceful stop to end every container", timeout: .seconds(15)) {
            ProcessTable.pids(containing: always).isEmpty
        }
    }
}
