import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Testing

@Suite struct PodLifecycleTests {
    static func pod(_ name: String, script: String, grace: Int64? = nil, restartPolicy: RestartPolicy = .never, hostPath: String? = nil) -> Pod {
        var spec = PodSpec(
            volumes: hostPath.map { [Volume(name: "out", hostPath: HostPathVolumeSource(path: $0))] } ?? [],
            containers: [
                Container(
                    name: "main", image: "test/host:1", command: ["/bin/sh", "-c", script],
                    volumeMounts: hostPath == nil ? [] : [VolumeMount(name: "out", mountPath: "/out")])
            ], restartPolicy: restartPolicy)
        spec.terminationGracePeriodSeconds = grace
        return Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    @Test func deletingARunningPodSendsSIGTERMThenEndsItsProcesses() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let out = cluster.directory.appending(path: "out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let token = "graceful\(UUID().uuidString.prefix(8))"
            let script = "trap 'echo term > /out/term; exit 0' TERM; echo up > /out/started; while true; do sleep 0.1 # \(token)\ndone"
            let api = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(Self.pod("graceful", script: script, grace: 20, hostPath: out.path))
            _ = try await cluster.eventually("the container to start") {
                FileManager.default.fileExists(atPath: out.appending(path: "started").path) ? true : nil
            }
            #expect(!ProcessTable.pids(containing: token).isEmpty)
            _ = try await api.delete("graceful")
            _ = try await cluster.eventually("SIGTERM to reach the container", timeout: .seconds(15)) {
                FileManager.default.fileExists(atPath: out.appending(path: "term").path) ? true : nil
            }
            _ = try await cluster.eventually("the processes to end", timeout: .seconds(15)) {
                ProcessTable.pids(containing: token).isEmpty ? true : nil
            }
        }
    }

    @Test func aContainerIgnoringSIGTERMIsKilledAfterTheGracePeriod() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let token = "stubborn\(UUID().uuidString.prefix(8))"
            let api = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(Self.pod("stubborn", script: "trap '' TERM; while true; do sleep 0.1 # \(token)\ndone", grace: 1))
            _ = try await cluster.eventually("the container to run") { () async throws -> Bool? in
                try await api.get("stubborn").status?.phase == .running ? true : nil
            }
            #expect(!ProcessTable.pids(containing: token).isEmpty)
            _ = try await api.delete("stubborn")
            _ = try await cluster.eventually("the processes to be killed", timeout: .seconds(15)) {
                ProcessTable.pids(containing: token).isEmpty ? true : nil
            }
        }
    }

    @Test func restartPolicyOnFailureRestartsTheContainer() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let out = cluster.directory.appending(path: "out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            // Fails the first time, succeeds the second.
            let script = "if [ -f /out/once ]; then echo second; exit 0; fi; touch /out/once; echo first; exit 1"
            let api = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(Self.pod("retry", script: script, restartPolicy: .onFailure, hostPath: out.path))
            let done = try await cluster.eventually("the pod to succeed", timeout: .seconds(30)) { () async throws -> Pod? in
                let pod = try await api.get("retry")
                return pod.status?.phase == .succeeded ? pod : nil
            }
            let status = try #require(done.status?.containerStatuses.first)
            #expect(status.restartCount == 1)
            #expect(status.lastState?.terminated?.exitCode == 1)
            let previous = try await cluster.kubectl("logs", "retry", "--previous")
            #expect(previous.stdout.contains("first"), "\(previous.stderr)")
            let current = try await cluster.kubectl("logs", "retry")
            #expect(current.stdout.contains("second"))
        }
    }

    @Test func followingLogsStreamsUntilTheContainerEnds() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let api = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(Self.pod("talker", script: "for i in 1 2 3; do echo line $i; sleep 0.3; done"))
            _ = try await cluster.eventually("the container to start") { () async throws -> Bool? in
                try await api.get("talker").status?.containerStatuses.first?.state?.running != nil ? true : nil
            }
            let followed = try await cluster.kubectl("logs", "-f", "talker")
            #expect(followed.stdout == "line 1\nline 2\nline 3\n", "\(followed.stdout) \(followed.stderr)")
            let since = try await cluster.kubectl("logs", "talker", "--since=1h")
            #expect(since.stdout.contains("line 3"))
        }
    }
}
