import Foundation

extension ClientConfiguration {
    /// Where a pod finds its service account.
    public static let serviceAccountDirectory = URL(fileURLWithPath: "/var/run/secrets/kubernetes.io/serviceaccount")

    /// The configuration of a pod: KUBERNETES_SERVICE_HOST/PORT, and the service
    /// account's token, namespace and CA. The token file is re-read when it
    /// rotates (the kubelet refreshes projected tokens before they expire).
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: URL = serviceAccountDirectory
    ) throws(KubeClientError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeClientError(.configuration, "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set")
        }
        guard port.allSatisfy(\.isNumber) else {
            throw KubeClientError(.configuration, "KUBERNETES_SERVICE_PORT \"\(port)\" is not a port number")
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(bracketed):\(port)") else {
            throw KubeClientError(.configuration, "KUBERNETES_SERVICE_HOST \"\(host)\" is not a host name or address")
        }
        let tokenURL = directory.appending(path: "token")
        guard FileManager.default.fileExists(atPath: tokenURL.path) else {
            throw KubeClientError(.configuration, "no service account token at \(tokenURL.path)")
        }
        var configuration = ClientConfiguration(server: server)
        configuration.credentials = .tokenFile(tokenURL)
        configuration.certificateAuthorityPEM = try Kubeconfig.readFile(directory.appending(path: "ca.crt"), field: "service account CA")
        if let namespace = try? String(contentsOf: directory.appending(path: "namespace"), encoding: .utf8) {
            let trimmed = namespace.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { configuration.defaultNamespace = trimmed }
        }
        return configuration
    }
}
