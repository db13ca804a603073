import APIServer
import Foundation
import KubeClient
import KubeModel

extension InstallManifests {
    /// Name of the API server's Deployment, Service, ServiceAccount and RBAC.
    static let apiServerName = "sympozium-apiserver"
    /// The Secret holding the API's bearer token (key `token`), made once by install.
    static let apiTokenSecret = "sympozium-apiserver-token"
    static let apiServerPort = APIServerConfiguration.defaultPort

    /// The HTTP/WebSocket API server: its identity, the least privilege its
    /// routes need, the Deployment, its Service, and ingress to its port only.
    func apiServer() -> String {
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: \(Self.apiServerName), namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
        ---
        # Exactly the verbs the API's routes use.
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: \(Self.apiServerName), labels: {app.kubernetes.io/part-of: sympozium}}
        rules:
        - {apiGroups: [sympozium.ai], resources: [sympoziuminstances, agentruns, sympoziumschedules], verbs: [get, list, create, delete]}
        - {apiGroups: [sympozium.ai], resources: [sympoziumpolicies, skillpacks], verbs: [get, list]}
        - {apiGroups: [""], resources: [namespaces, pods], verbs: [list]}
        - {apiGroups: [""], resources: [pods/log], verbs: [get]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: \(Self.apiServerName), labels: {app.kubernetes.io/part-of: sympozium}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: \(Self.apiServerName)}
        subjects: [{kind: ServiceAccount, name: \(Self.apiServerName), namespace: \(namespace)}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(Self.apiServerName), namespace: \(namespace), labels: {app.kubernetes.io/name: \(Self.apiServerName), app.kubernetes.io/part-of: sympozium}}
        spec:
          replicas: 1
          selector: {matchLabels: {app.kubernetes.io/name: \(Self.apiServerName)}}
          template:
            metadata: {labels: {app.kubernetes.io/name: \(Self.apiServerName), app.kubernetes.io/part-of: sympozium, sympozium.ai/component: apiserver}}
            spec:
              serviceAccountName: \(Self.apiServerName)
              containers:
              - name: apiserver
                image: \(image)
                args: [apiserver, --host, 0.0.0.0, --port, "\(Self.apiServerPort)", --namespace, default, --event-bus-url, "\(settings.eventBusURL)"]
                env:
                - name: SYMPOZIUM_API_TOKEN
                  valueFrom: {secretKeyRef: {name: \(Self.apiTokenSecret), key: token}}
                ports: [{name: http, containerPort: \(Self.apiServerPort)}]
                livenessProbe: {httpGet: {path: /healthz, port: http}}
                readinessProbe: {httpGet: {path: /readyz, port: http}}
                resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 256Mi}}
        \(Self.restricted)
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: \(Self.apiServerName), namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
        spec:
          selector: {app.kubernetes.io/name: \(Self.apiServerName)}
          ports: [{name: http, port: \(Self.apiServerPort), targetPort: http}]
        ---
        # The API pods accept connections on their API port only (the token guards it).
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: \(Self.apiServerName), namespace: \(namespace), labels: {app.kubernetes.io/part-of: sympozium}}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: \(Self.apiServerName)}}
          policyTypes: [Ingress]
          ingress:
          - ports: [{port: \(Self.apiServerPort), protocol: TCP}]
        """
    }

    /// The token Secret, with a fresh random token.
    func apiTokenSecretObject() -> Secret {
        Secret(
            metadata: ObjectMeta(
                name: Self.apiTokenSecret, namespace: namespace, labels: ["app.kubernetes.io/part-of": "sympozium"]),
            stringData: ["token": APIToken.randomText()])
    }

    /// Creates the token Secret when it does not exist; never replaces one
    /// (install is idempotent and must not rotate the token). True when created.
    func ensureAPIToken(client: KubeClient) async throws -> Bool {
        let api = Api<Secret>(client, namespace: namespace)
        guard try await api.getIfExists(Self.apiTokenSecret) == nil else { return false }
        do {
            _ = try await api.create(apiTokenSecretObject())
            return true
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return false
        }
    }
}
