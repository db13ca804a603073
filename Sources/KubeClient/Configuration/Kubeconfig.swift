import Foundation
import KubeModel
import KubeYAML

/// A kubeconfig file (`clientcmd.api/v1 Config`), as kubectl reads it.
///
/// Several files merge as kubectl merges `KUBECONFIG`: the first file to set a
/// map entry (cluster, user, context) or `current-context` wins.
public struct Kubeconfig: Codable, Sendable, Hashable {
    public var currentContext: String?
    @OmitEmpty public var clusters: [NamedCluster]
    @OmitEmpty public var users: [NamedUser]
    @OmitEmpty public var contexts: [NamedContext]
    /// Where each file came from, to resolve relative paths. Not encoded.
    var sourceDirectories: [String: URL] = [:]

    public init(
        currentContext: String? = nil, clusters: [NamedCluster] = [], users: [NamedUser] = [],
        contexts: [NamedContext] = []
    ) {
        self.currentContext = currentContext
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
    }

    enum CodingKeys: String, CodingKey {
        case currentContext = "current-context"
        case clusters, users, contexts
    }

    public struct NamedCluster: Codable, Sendable, Hashable {
        public var name: String
        public var cluster: Cluster
        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }
    }

    public struct Cluster: Codable, Sendable, Hashable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        public var tlsServerName: String?

        public init(
            server: String, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
        }

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
        }
    }

    public struct NamedUser: Codable, Sendable, Hashable {
        public var name: String
        public var user: User
        public init(name: String, user: User) {
            self.name = name
            self.user = user
        }
    }

    public struct User: Codable, Sendable, Hashable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var exec: ExecConfig?
        public var username: String?
        public var password: String?

        public init(
            token: String? = nil, tokenFile: String? = nil, clientCertificate: String? = nil,
            clientCertificateData: String? = nil, clientKey: String? = nil, clientKeyData: String? = nil,
            exec: ExecConfig? = nil
        ) {
            self.token = token
            self.tokenFile = tokenFile
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.exec = exec
        }

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, exec, username, password
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
        }
    }

    /// An exec credential plugin (`client.authentication.k8s.io`).
    public struct ExecConfig: Codable, Sendable, Hashable {
        public var command: String
        @OmitEmpty public var args: [String]
        @OmitEmpty public var env: [ExecEnvVar]
        public var apiVersion: String?
        public var installHint: String?
        public var provideClusterInfo: Bool?
        public var interactiveMode: String?

        public init(command: String, args: [String] = [], env: [ExecEnvVar] = [], apiVersion: String? = nil) {
            self.command = command
            self.args = args
            self.env = env
            self.apiVersion = apiVersion
        }
    }

    public struct ExecEnvVar: Codable, Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct NamedContext: Codable, Sendable, Hashable {
        public var name: String
        public var context: Context
        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }

    public struct Context: Codable, Sendable, Hashable {
        public var cluster: String
        public var user: String?
        public var namespace: String?
        public init(cluster: String, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }
}

extension Kubeconfig {
    /// Parses one kubeconfig document (YAML or JSON).
    public static func parse(_ text: String, directory: URL? = nil) throws(KubeClientError) -> Kubeconfig {
        var config: Kubeconfig
        do {
            config = try YAMLReader.decode(Kubeconfig.self, from: text)
        } catch {
            throw KubeClientError(.configuration, "the kubeconfig cannot be read: \(error)")
        }
        if let directory { config.recordSource(directory) }
        return config
    }

    /// Reads and merges kubeconfig files in order, as kubectl does with KUBECONFIG.
    /// Missing files are skipped; an unreadable or malformed one is an error.
    public static func load(paths: [String]) throws(KubeClientError) -> Kubeconfig {
        var merged = Kubeconfig()
        var found = false
        for path in paths where !path.isEmpty {
            let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw KubeClientError(.configuration, "cannot read kubeconfig \(url.path): \(error.localizedDescription)")
            }
            let file: Kubeconfig
            do {
                file = try parse(text, directory: url.deletingLastPathComponent())
            } catch {
                throw KubeClientError(.configuration, "\(url.path): \(error.message)")
            }
            merged.merge(file)
            found = true
        }
        guard found else {
            throw KubeClientError(.configuration, "no kubeconfig found at \(paths.joined(separator: ":"))")
        }
        return merged
    }

    /// The files kubectl would read: `$KUBECONFIG` (colon-separated) or ~/.kube/config.
    public static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return ["\(home)/.kube/config"]
    }

    /// kubectl's merge rule: the first occurrence of each name wins.
    mutating func merge(_ other: Kubeconfig) {
        if currentContext == nil || currentContext?.isEmpty == true { currentContext = other.currentContext }
        for entry in other.clusters where !clusters.contains(where: { $0.name == entry.name }) {
            clusters.append(entry)
            sourceDirectories["cluster/\(entry.name)"] = other.sourceDirectories["cluster/\(entry.name)"]
        }
        for entry in other.users where !users.contains(where: { $0.name == entry.name }) {
            users.append(entry)
            sourceDirectories["user/\(entry.name)"] = other.sourceDirectories["user/\(entry.name)"]
        }
        for entry in other.contexts where !contexts.contains(where: { $0.name == entry.name }) {
            contexts.append(entry)
        }
    }

    private mutating func recordSource(_ directory: URL) {
        for entry in clusters { sourceDirectories["cluster/\(entry.name)"] = directory }
        for entry in users { sourceDirectories["user/\(entry.name)"] = directory }
    }

    /// Resolves a path from a kubeconfig entry against the file it came from.
    func resolve(_ path: String, for entry: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
        let base = sourceDirectories[entry] ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return base.appending(path: expanded)
    }
}
