import Admission
import Controllers
import Foundation
import KubeModel
import KubeYAML
import SympoziumAPI

/// Everything `sympozium install` applies to a cluster, rendered from the
/// settings (images, event bus) and embedded in the binary: CRDs, the
/// sympozium-system namespace, RBAC, the controller manager, the admission
/// webhook, NATS JetStream, the HTTP/WebSocket API server, network policies
/// and the built-in skill packs. (The API's token Secret is made apart, once.)
struct InstallManifests: Sendable {
    var settings = ControllerSettings()
    var namespace = SympoziumGroup.systemNamespace
    /// The image holding the `sympozium` binary (controller, webhook).
    var image: String { "\(settings.imageRegistry)/sympozium:\(settings.imageTag)" }
    var natsImage = "nats:2.10-alpine"

    /// The objects in the order they must be applied.
    func objects() throws -> [JSONValue] {
        let crds = try SympoziumKinds.customResourceDefinitions.map { try JSONValue(encoding: $0) }
        let skills = BuiltinSkills.yaml(namespace: namespace) { "\(settings.imageRegistry)/skill-\($0):\(settings.imageTag)" }
        return try crds + YAMLReader.parseAll(platform()) + YAMLReader.parseAll(apiServer())
            + YAMLReader.parseAll(skills)
    }

    /// What `uninstall` removes, cluster-scoped last. Custom resources go first
    /// so their controllers can still clean up.
    static let clusterScoped: [(kind: String, apiVersion: String, name: String)] = [
        ("ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1", WebhookManifests.configurationName),
        ("MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1", WebhookManifests.configurationName),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "sympozium-controller"),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "sympozium-webhook"),
        ("ClusterRole", "rbac.authorization.k8s.io/v1", "sympozium-webhook"),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", apiServerName),
        ("ClusterRole", "rbac.authorization.k8s.io/v1", apiServerName),
    ]

    /// The securityContext every container of the platform runs with,
    /// indented for a Deployment's or StatefulSet's container.
    static let restricted = """
                    securityContext:
                      runAsNonRoot: true
                      runAsUser: 65532
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities: {drop: [ALL]}
                      seccompProfile: {type: RuntimeDefault}
            """

    private func platform() -> String {
        let restricted = Self.restricted
        return """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: \(namespace)
              labels: {app.kubernetes.io/part-of: sympozium, pod-security.kubernetes.io/enforce: restricted}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sympozium-controller, namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sympozium-webhook, namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
            ---
            # The controller creates the RBAC that skill packs declare; Kubernetes forbids
            # granting permissions one does not hold, so the controller is cluster-admin.
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: sympozium-controller, labels: {app.kubernetes.io/part-of: sympozium}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: sympozium-controller, namespace: \(namespace)}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: sympozium-webhook, labels: {app.kubernetes.io/part-of: sympozium}}
            rules:
            - {apiGroups: [sympozium.ai], resources: [sympoziuminstances, sympoziumpolicies, agentruns], verbs: [get, list, watch]}
            - {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations, mutatingwebhookconfigurations], verbs: [get, create, patch, update]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: sympozium-webhook, labels: {app.kubernetes.io/part-of: sympozium}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sympozium-webhook}
            subjects: [{kind: ServiceAccount, name: sympozium-webhook, namespace: \(namespace)}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sympozium-controller, namespace: \(namespace), labels: {app.kubernetes.io/name: sympozium-controller, app.kubernetes.io/part-of: sympozium}}
            spec:
              replicas: 2
              selector: {matchLabels: {app.kubernetes.io/name: sympozium-controller}}
              template:
                metadata: {labels: {app.kubernetes.io/name: sympozium-controller, app.kubernetes.io/part-of: sympozium, sympozium.ai/component: controller}}
                spec:
                  serviceAccountName: sympozium-controller
                  containers:
                  - name: manager
                    image: \(image)
                    args: [controller, --leader-elect, --event-bus-url, "\(settings.eventBusURL)", --image-registry, "\(settings.imageRegistry)", --image-tag, "\(settings.imageTag)"]
                    ports: [{name: health, containerPort: 8081}]
                    livenessProbe: {httpGet: {path: /healthz, port: health}}
                    readinessProbe: {httpGet: {path: /readyz, port: health}}
                    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 512Mi}}
            \(restricted)
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sympozium-webhook, namespace: \(namespace), labels: {app.kubernetes.io/name: sympozium-webhook, app.kubernetes.io/part-of: sympozium}}
            spec:
              replicas: 1
              selector: {matchLabels: {app.kubernetes.io/name: sympozium-webhook}}
              template:
                metadata: {labels: {app.kubernetes.io/name: sympozium-webhook, app.kubernetes.io/part-of: sympozium, sympozium.ai/component: webhook}}
                spec:
                  serviceAccountName: sympozium-webhook
                  containers:
                  - name: webhook
                    image: \(image)
                    args: [webhook, --self-signed, --register, --cert-dir, /var/run/sympozium/webhook, --service-namespace, \(namespace)]
                    ports: [{name: https, containerPort: 9443}]
                    volumeMounts: [{name: certs, mountPath: /var/run/sympozium/webhook}]
                    readinessProbe: {httpGet: {path: /healthz, port: https, scheme: HTTPS}}
                    resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 256Mi}}
            \(restricted)
                  volumes: [{name: certs, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: sympozium-webhook, namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
            spec:
              selector: {app.kubernetes.io/name: sympozium-webhook}
              ports: [{name: https, port: 443, targetPort: https}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: nats, namespace: \(namespace), labels: {app.kubernetes.io/name: nats, app.kubernetes.io/part-of: sympozium}}
            spec:
              selector: {app.kubernetes.io/name: nats}
              ports: [{name: client, port: \(settings.eventBusPort), targetPort: client}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: nats, namespace: \(namespace), labels: {app.kubernetes.io/name: nats, app.kubernetes.io/part-of: sympozium}}
            spec:
              serviceName: nats
              replicas: 1
              selector: {matchLabels: {app.kubernetes.io/name: nats}}
              template:
                metadata: {labels: {app.kubernetes.io/name: nats, app.kubernetes.io/part-of: sympozium}}
                spec:
                  containers:
                  - name: nats
                    image: \(natsImage)
                    args: [--jetstream, --store_dir, /data, --port, "\(settings.eventBusPort)", --http_port, "8222"]
                    ports: [{name: client, containerPort: \(settings.eventBusPort)}, {name: monitor, containerPort: 8222}]
                    readinessProbe: {httpGet: {path: /healthz, port: monitor}}
                    volumeMounts: [{name: data, mountPath: /data}]
                    resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 512Mi}}
            \(restricted)
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            # Only Sympozium's own pods reach the event bus.
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: nats-clients, namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: nats}}
              policyTypes: [Ingress]
              ingress:
              - from:
                - {namespaceSelector: {}, podSelector: {matchLabels: {sympozium.ai/role: agent}}}
                - {namespaceSelector: {}, podSelector: {matchLabels: {sympozium.ai/component: channel}}}
                - {podSelector: {matchLabels: {app.kubernetes.io/part-of: sympozium}}}
                ports: [{port: \(settings.eventBusPort), protocol: TCP}]
            """
    }
}
