import Foundation
import KubeClient
import KubeModel

/// Reads what pods reference (ConfigMaps, Secrets) and issues service-account
/// tokens, through the Kubernetes API.
struct ObjectSource: Sendable {
    let client: KubeClient

    func configMap(namespace: String, name: String) async throws -> ConfigMap? {
        try await Api<ConfigMap>(client, namespace: namespace).getIfExists(name)
    }

    func secret(namespace: String, name: String) async throws -> Secret? {
        try await Api<Secret>(client, namespace: namespace).getIfExists(name)
    }

    /// The keys of a ConfigMap as bytes.
    func configMapData(namespace: String, name: String) async throws -> [String: Data]? {
        guard let map = try await configMap(namespace: namespace, name: name) else { return nil }
        var data = map.data.mapValues { Data($0.utf8) }
        for (key, value) in map.binaryData { data[key] = Data(base64Encoded: value) ?? Data() }
        return data
    }

    /// The keys of a Secret as bytes.
    func secretData(namespace: String, name: String) async throws -> [String: Data]? {
        guard let secret = try await secret(namespace: namespace, name: name) else { return nil }
        var data = secret.data.mapValues { Data(base64Encoded: $0) ?? Data() }
        for (key, value) in secret.stringData { data[key] = Data(value.utf8) }
        return data
    }

    /// A token for the pod's service account, bound to the pod: it stops
    /// working when the pod (or the account) is deleted.
    func token(for pod: Pod, expirationSeconds: Int64?) async throws -> String {
        let namespace = pod.metadata.namespace ?? "default"
        let account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? "default"
        var request = TokenRequest()
        request.spec = TokenRequestSpec(
            expirationSeconds: expirationSeconds ?? 3600,
            boundObjectRef: BoundObjectReference(kind: "Pod", apiVersion: "v1", name: pod.metadata.name, uid: pod.metadata.uid))
        let body = try JSONEncoder().encode(request)
        let response = try await client.send(
            KubeRequest(
                method: .POST,
                path: "/api/v1/namespaces/\(KubeRequest.segment(namespace))/serviceaccounts/\(KubeRequest.segment(account))/token",
                body: Array(body), contentType: "application/json"))
        let issued = try JSONDecoder().decode(TokenRequest.self, from: Data(response.body))
        guard let token = issued.status?.token else {
            throw NodeError(code: "TokenRequestFailed", "the API server issued no token for \(namespace)/\(account)")
        }
        return token
    }
}
