import Foundation
import KubeModel
import Testing

@Suite("Built-in Pod type")
struct BuiltinTypesPodTests {
    static let podJSON = #"""
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "creationTimestamp": "2024-05-01T10:00:00Z",
            "generateName": "run-abc-",
            "labels": {
              "batch.kubernetes.io/controller-uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11",
              "job-name": "run-abc",
              "sympozium.ai/instance": "demo"
            },
            "name": "run-abc-x7k2p",
            "namespace": "default",
            "ownerReferences": [
              {
                "apiVersion": "batch/v1",
                "blockOwnerDeletion": true,
                "controller": true,
                "kind": "Job",
                "name": "run-abc",
                "uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11"
              }
            ],
            "resourceVersion": "12345",
            "uid": "6f1d3d2a-1c1e-4e0a-8a57-2f6f0d9b1e42"
          },
          "spec": {
            "containers": [
              {
                "args": ["--task", "summarise the logs"],
                "command": ["/agent"],
                "env": [
                  {"name": "TASK", "value": "hello"},
                  {"name": "API_KEY", "valueFrom": {"secretKeyRef": {"key": "apiKey", "name": "llm-credentials"}}},
                  {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                  {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"divisor": "1m", "resource": "limits.cpu"}}}
                ],
                "envFrom": [{"configMapRef": {"name": "agent-config", "optional": true}}, {"prefix": "S_", "secretRef": {"name": "extra"}}],
                "image": "ghcr.io/sympozium-ai/agent:v0.1.0",
                "imagePullPolicy": "IfNotPresent",
                "name": "agent",
                "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                "readinessProbe": {
                  "failureThreshold": 3,
                  "httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"},
                  "initialDelaySeconds": 2,
                  "periodSeconds": 10,
                  "successThreshold": 1,
                  "timeoutSeconds": 1
                },
                "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "periodSeconds": 5},
                "resources": {
                  "limits": {"cpu": "1", "memory": "512Mi"},
                  "requests": {"cpu": "100m", "memory": "128Mi"}
                },
                "securityContext": {
                  "allowPrivilegeEscalation": false,
                  "capabilities": {"drop": ["ALL"]},
                  "readOnlyRootFilesystem": true,
                  "runAsNonRoot": true,
                  "runAsUser": 1000,
                  "seccompProfile": {"type": "RuntimeDefault"}
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [
                  {"mountPath": "/workspace", "name": "workspace"},
                  {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-9xq2m", "readOnly": true}
                ]
              }
            ],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "nodeName": "kind-worker",
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Never",
            "schedulerName": "default-scheduler",
            "securityContext": {"fsGroup": 1000, "runAsGroup": 1000, "supplementalGroups": [2000]},
            "serviceAccount": "agent",
            "serviceAccountName": "agent",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [
              {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
              {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ],
            "volumes": [
              {"emptyDir": {}, "name": "workspace"},
              {"configMap": {"defaultMode": 420, "items": [{"key": "config.yaml", "path": "config.yaml"}], "name": "agent-config"}, "name": "config"},
              {"name": "creds", "secret": {"defaultMode": 256, "optional": false, "secretName": "llm-credentials"}},
              {"emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}, "name": "scratch"},
              {
                "name": "kube-api-access-9xq2m",
                "projected": {
                  "defaultMode": 420,
                  "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
                  ]
                }
              }
            ]
          },
          "status": {
            "conditions": [
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:09Z", "status": "False", "type": "PodReadyToStartContainers"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "PodCompleted", "status": "True", "type": "Initialized"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:08Z", "reason": "PodCompleted", "status": "False", "type": "Ready"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:08Z", "reason": "PodCompleted", "status": "False", "type": "ContainersReady"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:00Z", "status": "True", "type": "PodScheduled"}
            ],
            "containerStatuses": [
              {
                "containerID": "containerd://9f2c4d",
                "image": "ghcr.io/sympozium-ai/agent:v0.1.0",
                "imageID": "ghcr.io/sympozium-ai/agent@sha256:4c1e",
                "lastState": {},
                "name": "agent",
                "ready": false,
                "restartCount": 0,
                "started": false,
                "state": {
                  "terminated": {
                    "containerID": "containerd://9f2c4d",
                    "exitCode": 0,
                    "finishedAt": "2024-05-01T10:00:07Z",
                    "reason": "Completed",
                    "startedAt": "2024-05-01T10:00:02Z"
                  }
                }
              }
            ],
            "hostIP": "172.18.0.2",
            "hostIPs": [{"ip": "172.18.0.2"}],
            "phase": "Succeeded",
            "podIP": "10.244.1.5",
            "podIPs": [{"ip": "10.244.1.5"}],
            "qosClass": "Burstable",
            "startTime": "2024-05-01T10:00:00Z"
          }
        }
        """#

    @Test func decodesAndRoundTripsAPod() throws {
        let pod = try BuiltinFixture.roundTrip(Pod.self, Self.podJSON)
        #expect(pod.apiVersion == "v1")
        #expect(pod.kind == "Pod")
        #expect(pod.metadata.name == "run-abc-x7k2p")
        #expect(pod.metadata.controllerReference?.kind == "Job")

        let container = try #require(pod.spec.containers.first)
        #expect(container.name == "agent")
        #expect(container.imagePullPolicy == .ifNotPresent)
        #expect(container.args == ["--task", "summarise the logs"])
        #expect(container.resources?.limits["memory"] == Quantity("512Mi"))
        #expect(container.resources?.requests["cpu"]?.milliValue == 100)
        #expect(container.env[1].valueFrom?.secretKeyRef?.key == "apiKey")
        #expect(container.env[2].valueFrom?.fieldRef?.fieldPath == "metadata.name")
        #expect(container.envFrom.first?.configMapRef?.optional == true)
        #expect(container.readinessProbe?.httpGet?.port == .string("http"))
        #expect(container.ports.first?.protocol == .tcp)
        #expect(container.securityContext?.capabilities?.drop == ["ALL"])
        #expect(container.securityContext?.seccompProfile?.type == .runtimeDefault)
        #expect(container.volumeMounts[1].readOnly == true)

        #expect(pod.spec.restartPolicy == .never)
        #expect(pod.spec.dnsPolicy == .clusterFirst)
        #expect(pod.spec.securityContext?.supplementalGroups == [2000])
        #expect(pod.spec.volumes.count == 5)
        #expect(pod.spec.volumes[0].emptyDir == EmptyDirVolumeSource())
        #expect(pod.spec.volumes[2].secret?.defaultMode == 256)
        #expect(pod.spec.volumes[3].emptyDir?.sizeLimit == Quantity("64Mi"))
        let sources = try #require(pod.spec.volumes[4].projected?.sources)
        #expect(sources[0].serviceAccountToken?.expirationSeconds == 3607)
        #expect(sources[2].downwardAPI?.items.first?.fieldRef?.fieldPath == "metadata.namespace")

        let status = try #require(pod.status)
        #expect(status.phase == .succeeded)
        #expect(status.phase?.isTerminal == true)
        #expect(status.condition(.ready)?.status == .false)
        #expect(status.condition(.ready)?.lastProbeTime == nil)
        #expect(status.podIPs == [PodIP(ip: "10.244.1.5")])
        let containerStatus = try #require(status.containerStatus(named: "agent"))
        #expect(containerStatus.restartCount == 0)
        #expect(containerStatus.lastState == ContainerState())
        #expect(containerStatus.state?.terminated?.exitCode == 0)
        #expect(containerStatus.state?.terminated?.reason == "Completed")
        #expect(containerStatus.state?.terminated?.finishedAt == Time(rfc3339: "2024-05-01T10:00:07Z"))
    }
}
