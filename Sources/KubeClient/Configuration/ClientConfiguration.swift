import Foundation

/// Everything needed to reach one API server: where, how to trust it, and who we are.
public struct ClientConfiguration: Sendable {
    /// The API server's base URL ("https://127.0.0.1:6443").
    public var server: URL
    /// PEM of the certificate authorities to trust; nil trusts the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skip verifying the server certificate (kubeconfig insecure-skip-tls-verify).
    public var insecureSkipTLSVerify = false
    /// Expected server name in the certificate, when it differs from the URL's host.
    public var tlsServerName: String?
    /// Client certificate and key (PEM), for certificate authentication.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    /// How to obtain a bearer token, if any.
    public var credentials: CredentialSource = .none
    /// The namespace of the context (or of the service account in a pod).
    public var defaultNamespace = "default"
    /// Time allowed for an ordinary request (watches set their own).
    public var requestTimeout: Duration = .seconds(30)
    /// Sent as User-Agent.
    public var userAgent = "sympozium"
    /// Whether `Api` decodes `metadata.managedFields`. Controllers, which
    /// never read them, turn this off: their field trees are often most of
    /// a small object's decoding time. Updates stay safe either way, since an
    /// update without managedFields leaves the server's unchanged.
    public var decodesManagedFields = true

    public init(server: URL) {
        self.server = server
    }
}

extension ClientConfiguration {
    /// The configuration kubectl would use: in a pod, the service account;
    /// otherwise KUBECONFIG or ~/.kube/config with its current context.
    public static func infer(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KubeClientError) -> ClientConfiguration {
        if environment["KUBECONFIG"] == nil, environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment)
        }
        return try fromKubeconfig(paths: Kubeconfig.defaultPaths(environment: environment))
    }

    /// Reads kubeconfig files and resolves a context (the current one when nil).
    public static func fromKubeconfig(paths: [String], context: String? = nil) throws(KubeClientError) -> ClientConfiguration {
        try Kubeconfig.load(paths: paths).clientConfiguration(context: context)
    }
}

extension Kubeconfig {
    /// Resolves a context into a client configuration: files read, data decoded.
    public func clientConfiguration(context requested: String? = nil) throws(KubeClientError) -> ClientConfiguration {
        guard let contextName = requested ?? currentContext, !contextName.isEmpty else {
            throw KubeClientError(.configuration, "the kubeconfig has no current-context; pass a context explicitly")
        }
        guard let context = contexts.first(where: { $0.name == contextName })?.context else {
            throw KubeClientError(.configuration, "context \"\(contextName)\" is not in the kubeconfig")
        }
        guard let cluster = clusters.first(where: { $0.name == context.cluster })?.cluster else {
            throw KubeClientError(.configuration, "cluster \"\(context.cluster)\" of context \"\(contextName)\" is not in the kubeconfig")
        }
        guard let server = URL(string: cluster.server), let scheme = server.scheme, ["http", "https"].contains(scheme),
            server.host != nil
        else {
            throw KubeClientError(.configuration, "cluster \"\(context.cluster)\" has an invalid server URL \"\(cluster.server)\"")
        }
        var configuration = ClientConfiguration(server: server)
        configuration.defaultNamespace = context.namespace ?? "default"
        configuration.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        configuration.tlsServerName = cluster.tlsServerName
        let clusterEntry = "cluster/\(context.cluster)"
        if let data = cluster.certificateAuthorityData {
            configuration.certificateAuthorityPEM = try Self.decodeBase64(data, field: "certificate-authority-data")
        } else if let path = cluster.certificateAuthority {
            configuration.certificateAuthorityPEM = try Self.readFile(resolve(path, for: clusterEntry), field: "certificate-authority")
        }
        guard let userName = context.user, !userName.isEmpty else { return configuration }
        guard let user = users.first(where: { $0.name == userName })?.user else {
            throw KubeClientError(.configuration, "user \"\(userName)\" of context \"\(contextName)\" is not in the kubeconfig")
        }
        let userEntry = "user/\(userName)"
        if let data = user.clientCertificateData {
            configuration.clientCertificatePEM = try Self.decodeBase64(data, field: "client-certificate-data")
        } else if let path = user.clientCertificate {
            configuration.clientCertificatePEM = try Self.readFile(resolve(path, for: userEntry), field: "client-certificate")
        }
        if let data = user.clientKeyData {
            configuration.clientKeyPEM = try Self.decodeBase64(data, field: "client-key-data")
        } else if let path = user.clientKey {
            configuration.clientKeyPEM = try Self.readFile(resolve(path, for: userEntry), field: "client-key")
        }
        if (configuration.clientCertificatePEM == nil) != (configuration.clientKeyPEM == nil) {
            throw KubeClientError(.configuration, "user \"\(userName)\" needs both a client certificate and a client key")
        }
        if let token = user.token, !token.isEmpty {
            configuration.credentials = .token(token)
        } else if let path = user.tokenFile {
            configuration.credentials = .tokenFile(resolve(path, for: userEntry))
        } else if var exec = user.exec {
            // kubectl resolves a relative command with a path separator against the kubeconfig's folder.
            if exec.command.contains("/"), !exec.command.hasPrefix("/") {
                exec.command = resolve(exec.command, for: userEntry).path
            }
            configuration.credentials = .exec(exec)
        } else if user.username != nil || user.password != nil {
            throw KubeClientError(.configuration, "user \"\(userName)\" uses basic authentication, which Kubernetes removed; use a token or a certificate")
        }
        return configuration
    }

    static func decodeBase64(_ text: String, field: String) throws(KubeClientError) -> [UInt8] {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw KubeClientError(.configuration, "\(field) is not valid base64")
        }
        return Array(data)
    }

    static func readFile(_ url: URL, field: String) throws(KubeClientError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw KubeClientError(.configuration, "cannot read \(field) \(url.path): \(error.localizedDescription)")
        }
    }
}
