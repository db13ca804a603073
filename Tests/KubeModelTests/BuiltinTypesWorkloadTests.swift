import Foundation
import KubeModel
import Testing

@Suite("Built-in workload types")
struct BuiltinTypesWorkloadTests {
    @Test func decodesAndRoundTripsAJob() throws {
        let job = try BuiltinFixture.roundTrip(
            Job.self,
            #"""
            {
              "apiVersion": "batch/v1",
              "kind": "Job",
              "metadata": {
                "creationTimestamp": "2024-05-01T10:00:00Z",
                "generation": 1,
                "labels": {"sympozium.ai/run": "run-abc"},
                "name": "run-abc",
                "namespace": "default",
                "resourceVersion": "12400",
                "uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11"
              },
              "spec": {
                "activeDeadlineSeconds": 600,
                "backoffLimit": 0,
                "completionMode": "NonIndexed",
                "completions": 1,
                "manualSelector": false,
                "parallelism": 1,
                "podReplacementPolicy": "TerminatingOrFailed",
                "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11"}},
                "suspend": false,
                "template": {
                  "metadata": {
                    "creationTimestamp": null,
                    "labels": {"batch.kubernetes.io/job-name": "run-abc", "job-name": "run-abc"}
                  },
                  "spec": {
                    "containers": [
                      {
                        "image": "ghcr.io/sympozium-ai/agent:v0.1.0",
                        "imagePullPolicy": "IfNotPresent",
                        "name": "agent",
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File"
                      }
                    ],
                    "dnsPolicy": "ClusterFirst",
                    "restartPolicy": "Never",
                    "schedulerName": "default-scheduler",
                    "securityContext": {},
                    "terminationGracePeriodSeconds": 30
                  }
                },
                "ttlSecondsAfterFinished": 300
              },
              "status": {
                "completionTime": "2024-05-01T10:00:09Z",
                "conditions": [
                  {
                    "lastProbeTime": "2024-05-01T10:00:09Z",
                    "lastTransitionTime": "2024-05-01T10:00:09Z",
                    "message": "Reached expected number of succeeded pods",
                    "reason": "CompletionsReached",
                    "status": "True",
                    "type": "SuccessCriteriaMet"
                  },
                  {
                    "lastProbeTime": "2024-05-01T10:00:09Z",
                    "lastTransitionTime": "2024-05-01T10:00:09Z",
                    "message": "Reached expected number of succeeded pods",
                    "reason": "CompletionsReached",
                    "status": "True",
                    "type": "Complete"
                  }
                ],
                "ready": 0,
                "startTime": "2024-05-01T10:00:00Z",
                "succeeded": 1,
                "terminating": 0
              }
            }
            """#)
        #expect(job.spec.backoffLimit == 0)
        #expect(job.spec.ttlSecondsAfterFinished == 300)
        #expect(job.spec.template.metadata.labels["job-name"] == "run-abc")
        #expect(job.spec.template.spec.restartPolicy == .never)
        #expect(job.spec.template.spec.securityContext == PodSecurityContext())
        let uid = "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11"
        #expect(job.spec.selector?.matches(["batch.kubernetes.io/controller-uid": uid]) == true)
        let status = try #require(job.status)
        #expect(status.succeeded == 1)
        #expect(status.active == nil)
        #expect(status.isTrue(.complete))
        #expect(!status.isTrue(.failed))
        #expect(status.isFinished)
        #expect(status.condition(.successCriteriaMet)?.reason == "CompletionsReached")
    }

    @Test func jobEncodesTemplateEvenWhenEmpty() throws {
        let job = Job(metadata: ObjectMeta(name: "j"), spec: JobSpec(backoffLimit: 2))
        let json = try BuiltinFixture.json(job)
        #expect(json["spec"] == ["backoffLimit": 2, "template": ["metadata": [:], "spec": [:]]])
        #expect(try JSONDecoder().decode(Job.self, from: BuiltinFixture.encode(job)) == job)
    }

    @Test func decodesAndRoundTripsADeployment() throws {
        let deployment = try BuiltinFixture.roundTrip(
            Deployment.self,
            #"""
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": {
                "annotations": {"deployment.kubernetes.io/revision": "3"},
                "creationTimestamp": "2024-04-20T08:00:00Z",
                "generation": 4,
                "labels": {"app.kubernetes.io/name": "sympozium-controller"},
                "name": "sympozium-controller",
                "namespace": "sympozium-system",
                "resourceVersion": "998",
                "uid": "aa11"
              },
              "spec": {
                "minReadySeconds": 5,
                "progressDeadlineSeconds": 600,
                "replicas": 2,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app.kubernetes.io/name": "sympozium-controller"}},
                "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}, "type": "RollingUpdate"},
                "template": {
                  "metadata": {"labels": {"app.kubernetes.io/name": "sympozium-controller"}},
                  "spec": {
                    "containers": [
                      {
                        "args": ["--leader-elect"],
                        "image": "ghcr.io/sympozium-ai/controller:v0.1.0",
                        "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8081}, "initialDelaySeconds": 15},
                        "name": "manager",
                        "ports": [{"containerPort": 8443, "name": "webhook", "protocol": "TCP"}],
                        "readinessProbe": {"tcpSocket": {"port": 8443}, "periodSeconds": 10},
                        "resources": {"limits": {"memory": "256Mi"}, "requests": {"cpu": "10m", "memory": "64Mi"}}
                      }
                    ],
                    "serviceAccountName": "sympozium-controller",
                    "volumes": [{"name": "cert", "secret": {"secretName": "webhook-cert"}}]
                  }
                }
              },
              "status": {
                "availableReplicas": 2,
                "conditions": [
                  {
                    "lastTransitionTime": "2024-04-20T08:01:00Z",
                    "lastUpdateTime": "2024-04-20T08:01:00Z",
                    "message": "Deployment has minimum availability.",
                    "reason": "MinimumReplicasAvailable",
                    "status": "True",
                    "type": "Available"
                  },
                  {
                    "lastTransitionTime": "2024-04-20T08:00:00Z",
                    "lastUpdateTime": "2024-04-22T09:30:00Z",
                    "message": "ReplicaSet \"sympozium-controller-7d9f\" has successfully progressed.",
                    "reason": "NewReplicaSetAvailable",
                    "status": "True",
                    "type": "Progressing"
                  }
                ],
                "observedGeneration": 4,
                "readyReplicas": 2,
                "replicas": 2,
                "updatedReplicas": 2
              }
            }
            """#)
        #expect(deployment.spec.replicas == 2)
        #expect(deployment.spec.strategy?.type == .rollingUpdate)
        #expect(deployment.spec.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(deployment.spec.strategy?.rollingUpdate?.maxUnavailable == .int(0))
        #expect(deployment.spec.template.spec.containers.first?.readinessProbe?.tcpSocket?.port == 8443)
        #expect(deployment.status?.observedGeneration == 4)
        #expect(deployment.status?.condition(.available)?.status == .true)
        #expect(
            deployment.status?.condition(.progressing)?.lastUpdateTime == Time(rfc3339: "2024-04-22T09:30:00Z"))
    }
}
