import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Testing

@Suite struct JobTests {
    static func shellJob(_ name: String, script: String, backoffLimit: Int32 = 0, volumes: [Volume] = [], mounts: [VolumeMount] = [], env: [EnvVar] = [], envFrom: [EnvFromSource] = []) -> Job {
        Job(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: JobSpec(
                backoffLimit: backoffLimit,
                template: PodTemplateSpec(
                    spec: PodSpec(
                        volumes: volumes,
                        containers: [
                            Container(
                                name: "main", image: "test/host:1", command: ["/bin/sh", "-c", script], envFrom: envFrom, env: env,
                                volumeMounts: mounts,
                                securityContext: SecurityContext(
                                    capabilities: Capabilities(drop: ["ALL"]), runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true))
                        ], restartPolicy: .never))))
    }

    @Test func jobRunsPodToCompletionWithVolumesEnvAndLogs() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            _ = try await Api<ConfigMap>(cluster.client, namespace: "default").create(
                ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "default"), data: ["greeting": "hello from configmap", "MODE": "fast"]))
            _ = try await Api<Secret>(cluster.client, namespace: "default").create(
                Secret(metadata: ObjectMeta(name: "creds", namespace: "default"), data: ["API_KEY": Data("s3cret".utf8).base64EncodedString()]))
            let script = """
                echo "user $(id -u):$(id -g)"
                echo "greeting $(cat /config/greeting)"
                echo "env $FROM_ENV $MODE $API_KEY $POD_NAME"
                echo data > /work/file && echo "wrote work"
                touch /root-write 2>/dev/null || echo "root read-only"
                touch /config/x 2>/dev/null || echo "config read-only"
                grep -q tmpfs /proc/mounts && echo "has mounts"
                """
            let job = Self.shellJob(
                "hello", script: script,
                volumes: [
                    Volume(name: "config", configMap: ConfigMapVolumeSource(name: "settings")),
                    Volume(name: "work", emptyDir: EmptyDirVolumeSource()),
                ],
                mounts: [VolumeMount(name: "config", mountPath: "/config", readOnly: true), VolumeMount(name: "work", mountPath: "/work")],
                env: [
                    EnvVar(name: "FROM_ENV", value: "direct"),
                    EnvVar(name: "POD_NAME", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
                ],
                envFrom: [EnvFromSource(configMapRef: ConfigMapEnvSource(name: "settings")), EnvFromSource(secretRef: SecretEnvSource(name: "creds"))])
            _ = try await Api<Job>(cluster.client, namespace: "default").create(job)
            let finished = try await cluster.eventually("job hello to finish") { () async throws -> Job? in
                let job = try await Api<Job>(cluster.client, namespace: "default").get("hello")
                return job.status?.isFinished == true ? job : nil
            }
            #expect(finished.status?.isTrue(.complete) == true, "\(String(describing: finished.status))")
            #expect(finished.status?.succeeded == 1)
            let pods = try await Api<Pod>(cluster.client, namespace: "default").list(ListParameters(labelSelector: "job-name=hello"))
            let pod = try #require(pods.items.first)
            #expect(pod.metadata.labels["controller-uid"] == finished.metadata.uid)
            #expect(pod.metadata.ownerReferences.first?.uid == finished.metadata.uid)
            #expect(pod.status?.phase == .succeeded)
            let terminated = try #require(pod.status?.containerStatuses.first?.state?.terminated)
            #expect(terminated.exitCode == 0)
            #expect(terminated.reason == "Completed")
            #expect(terminated.startedAt != nil && terminated.finishedAt != nil)
            #expect(pod.status?.startTime != nil)

            let logs = try await cluster.kubectl("logs", pod.metadata.name ?? "")
            #expect(logs.succeeded, "\(logs.stderr)")
            #expect(logs.stdout.contains("user 1000:1000"), "\(logs.stdout)")
            #expect(logs.stdout.contains("greeting hello from configmap"))
            #expect(logs.stdout.contains("env direct fast s3cret \(pod.metadata.name ?? "")"))
            #expect(logs.stdout.contains("wrote work"))
            #expect(logs.stdout.contains("root read-only"))
            #expect(logs.stdout.contains("config read-only"))
            let tail = try await cluster.kubectl("logs", pod.metadata.name ?? "", "--tail=1", "--timestamps")
            #expect(tail.stdout.split(separator: "\n").count == 1)
            #expect(tail.stdout.hasPrefix("20"), "\(tail.stdout)")
        }
    }

    @Test func failingJobRetriesUpToBackoffLimitThenFails() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            _ = try await Api<Job>(cluster.client, namespace: "default").create(Self.shellJob("fails", script: "echo failing; exit 3", backoffLimit: 1))
            let finished = try await cluster.eventually("job fails to fail") { () async throws -> Job? in
                let job = try await Api<Job>(cluster.client, namespace: "default").get("fails")
                return job.status?.isFinished == true ? job : nil
            }
            #expect(finished.status?.isTrue(.failed) == true)
            #expect(finished.status?.condition(.failed)?.reason == "BackoffLimitExceeded")
            #expect(finished.status?.failed == 2)
            let pods = try await Api<Pod>(cluster.client, namespace: "default").list(ListParameters(labelSelector: "job-name=fails"))
            #expect(pods.items.count == 2)
            #expect(pods.items.allSatisfy { $0.status?.containerStatuses.first?.state?.terminated?.exitCode == 3 }, "\(pods.items.map(\.status))")
        }
    }

    @Test func unmappedImageFailsWithErrImagePull() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let pod = Pod(
                metadata: ObjectMeta(name: "unmapped", namespace: "default"),
                spec: PodSpec(containers: [Container(name: "main", image: "example.com/nothing:1")], restartPolicy: .never))
            _ = try await Api<Pod>(cluster.client, namespace: "default").create(pod)
            let failed = try await cluster.eventually("pod to fail") { () async throws -> Pod? in
                let pod = try await Api<Pod>(cluster.client, namespace: "default").get("unmapped")
                return pod.status?.phase == .failed ? pod : nil
            }
            #expect(failed.status?.reason == "ErrImagePull")
            #expect(failed.status?.message?.contains("images.json") == true)
            #expect(failed.status?.containerStatuses.first?.state?.waiting?.reason == "ErrImagePull")

            // A Sympozium image whose program this build lacks names the program.
            let channel = Pod(
                metadata: ObjectMeta(name: "no-program", namespace: "default"),
                spec: PodSpec(containers: [Container(name: "main", image: "ghcr.io/sympozium-ai/sympozium/channel-discord:v1")], restartPolicy: .never))
            _ = try await Api<Pod>(cluster.client, namespace: "default").create(channel)
            let missing = try await cluster.eventually("pod to fail") { () async throws -> Pod? in
                let pod = try await Api<Pod>(cluster.client, namespace: "default").get("no-program")
                return pod.status?.phase == .failed ? pod : nil
            }
            #expect(missing.status?.reason == "ErrImagePull")
            #expect(missing.status?.message?.contains("maps to the program sympozium-channel-discord") == true, "\(missing.status?.message ?? "")")
        }
    }

    @Test func activeDeadlineFailsTheJobAndStopsItsPod() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            var job = Self.shellJob("slow", script: "sleep 60")
            job.spec.activeDeadlineSeconds = 1
            job.spec.ttlSecondsAfterFinished = 1
            _ = try await Api<Job>(cluster.client, namespace: "default").create(job)
            let finished = try await cluster.eventually("job slow to fail") { () async throws -> Job? in
                let job = try await Api<Job>(cluster.client, namespace: "default").get("slow")
                return job.status?.isFinished == true ? job : nil
            }
            #expect(finished.status?.condition(.failed)?.reason == "DeadlineExceeded")
            // ttlSecondsAfterFinished: the Job (and its pod) go away.
            _ = try await cluster.eventually("job slow to be deleted") { () async throws -> Bool? in
                try await Api<Job>(cluster.client, namespace: "default").getIfExists("slow") == nil ? true : nil
            }
        }
    }
}
