import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import Testing

@Suite("Client configuration: kubeconfig fixtures and in-cluster")
struct ConfigurationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appending(path: name).path }

    @Test("token user, current and explicit contexts, namespace, relative CA path")
    func tokenContexts() throws {
        let config = try Kubeconfig.load(paths: [Self.fixture("token.yaml")])
        #expect(config.currentContext == "dev")
        // The dev cluster names a CA file that does not exist next to the fixture.
        let error = #expect(throws: KubeClientError.self) { try config.clientConfiguration() }
        #expect(error?.message.contains("Fixtures/ca.crt") == true)

        let prod = try config.clientConfiguration(context: "prod")
        #expect(prod.server.absoluteString == "https://prod.example.com:443")
        #expect(prod.tlsServerName == "api.prod.example.com")
        #expect(prod.defaultNamespace == "default")
        #expect(prod.credentials == .tokenFile(Self.fixtures.appending(path: "prod-token")))

        var noCA = config
        noCA.clusters[0].cluster.certificateAuthority = nil
        let dev = try noCA.clientConfiguration()
        #expect(dev.credentials == .token("dev-token-123"))
        #expect(dev.defaultNamespace == "team-a")

        #expect(throws: KubeClientError.self) { try config.clientConfiguration(context: "missing") }
    }

    @Test("KUBECONFIG with several files: the first occurrence wins")
    func merge() throws {
        let paths = Kubeconfig.defaultPaths(environment: [
            "KUBECONFIG": "\(Self.fixture("token.yaml")):/nonexistent/config:\(Self.fixture("second.yaml"))"
        ])
        #expect(paths.count == 3)
        let merged = try Kubeconfig.load(paths: paths)
        #expect(merged.currentContext == "dev")
        #expect(merged.clusters.first { $0.name == "dev-cluster" }?.cluster.server == "https://127.0.0.1:6443")
        let extra = try merged.clientConfiguration(context: "extra")
        #expect(extra.server.absoluteString == "http://127.0.0.1:8080")
        #expect(extra.credentials == .none)
        #expect(throws: KubeClientError.self) { try Kubeconfig.load(paths: ["/nonexistent/a", "/nonexistent/b"]) }
    }

    @Test("client certificate and key from files and from data")
    func clientCertificates() throws {
        var config = try Kubeconfig.load(paths: [Self.fixture("client-cert.yaml")])
        let files = try config.clientConfiguration()
        let certificate = try Data(contentsOf: Self.fixtures.appending(path: "client.crt"))
        let key = try Data(contentsOf: Self.fixtures.appending(path: "client.key"))
        #expect(files.clientCertificatePEM == Array(certificate))
        #expect(files.clientKeyPEM == Array(key))
        #expect(files.insecureSkipTLSVerify)
        // The TLS material is valid: a client builds with it.
        let client = try KubeClient(files)
        Task { try await client.shutdown() }

        let index = try #require(config.users.firstIndex { $0.name == "cert-data" })
        config.users[index].user.clientCertificateData = certificate.base64EncodedString()
        config.users[index].user.clientKeyData = key.base64EncodedString()
        let data = try config.clientConfiguration(context: "data")
        #expect(data.clientCertificatePEM == files.clientCertificatePEM)
        #expect(data.clientKeyPEM == files.clientKeyPEM)

        let half = #expect(throws: KubeClientError.self) { try config.clientConfiguration(context: "half") }
        #expect(half?.message.contains("both a client certificate and a client key") == true)

        config.users[index].user.clientKeyData = "!!!"
        #expect(throws: KubeClientError.self) { try config.clientConfiguration(context: "data") }
        var garbage = files
        garbage.clientKeyPEM = Array("not a key".utf8)
        #expect(throws: KubeClientError.self) { try KubeClient(garbage) }
    }

    @Test("malformed kubeconfig is a clear configuration error")
    func malformed() {
        let error = #expect(throws: KubeClientError.self) { try Kubeconfig.parse("clusters: [unclosed") }
        #expect(error?.code == .configuration)
        let noServer = try? Kubeconfig.parse("""
            current-context: x
            contexts: [{name: x, context: {cluster: c}}]
            clusters: [{name: c, cluster: {server: "not a url"}}]
            """)
        #expect(throws: KubeClientError.self) { try noServer?.clientConfiguration() }
    }

    @Test("insecure-skip-tls-verify reaches a TLS server whose CA it does not know")
    func insecure() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { await cluster.stopAndRemove() } }
        var config = try Kubeconfig.load(paths: [Self.fixture("insecure.yaml")])
        config.clusters[0].cluster.server = "https://127.0.0.1:\(cluster.port)"
        config.users[0].user.token = cluster.server.adminToken
        try await withKubeClient(try config.clientConfiguration()) { client in
            let namespace = try await Api<Namespace>(client).get("default")
            #expect(namespace.metadata.name == "default")
        }
        // Without it, the unknown CA is refused.
        config.clusters[0].cluster.insecureSkipTLSVerify = nil
        try await withKubeClient(try config.clientConfiguration()) { client in
            let error = await #expect(throws: KubeClientError.self) { try await Api<Namespace>(client).get("default") }
            #expect(error?.code == .transport)
        }
    }

    @Test("exec credential plugin: token from the plugin, clear error when it fails")
    func execPlugin() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { await cluster.stopAndRemove() } }
        let tokenFile = cluster.directory.appending(path: "plugin-token")
        try Data(cluster.server.adminToken.utf8).write(to: tokenFile)
        var config = try Kubeconfig.load(paths: [Self.fixture("exec.yaml")])
        config.clusters[0].cluster.server = "https://127.0.0.1:\(cluster.port)"
        config.users[0].user.exec?.env = [Kubeconfig.ExecEnvVar(name: "PLUGIN_TOKEN_FILE", value: tokenFile.path)]
        try await withKubeClient(try config.clientConfiguration()) { client in
            let namespace = try await Api<Namespace>(client).get("kube-system")
            #expect(namespace.metadata.name == "kube-system")
        }
        config.users[0].user.exec?.env = [Kubeconfig.ExecEnvVar(name: "PLUGIN_TOKEN_FILE", value: "/nonexistent")]
        try await withKubeClient(try config.clientConfiguration()) { client in
            let error = await #expect(throws: KubeClientError.self) { try await Api<Namespace>(client).get("default") }
            #expect(error?.code == .credentials)
            #expect(error?.message.contains("exited with status 4") == true)
        }
    }

    @Test("in-cluster: service-account files and env, token re-read when it rotates")
    func inCluster() async throws {
        let cluster = try await TestCluster.start()
        defer { Task { await cluster.stopAndRemove() } }
        let directory = cluster.directory.appending(path: "serviceaccount")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: cluster.directory.appending(path: "ca.crt"), to: directory.appending(path: "ca.crt"))
        try Data("team-b\n".utf8).write(to: directory.appending(path: "namespace"))
        let tokenFile = directory.appending(path: "token")
        try Data(cluster.server.adminToken.utf8).write(to: tokenFile)
        let environment = ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": String(cluster.port)]

        #expect(throws: KubeClientError.self) { try ClientConfiguration.inCluster(environment: [:], directory: directory) }
        let configuration = try ClientConfiguration.inCluster(environment: environment, directory: directory)
        #expect(configuration.defaultNamespace == "team-b")
        #expect(configuration.server.absoluteString == "https://127.0.0.1:\(cluster.port)")

        try await withKubeClient(configuration) { client in
            _ = try await Api<Secret>(client, namespace: "default").list()
            _ = try await Api<ServiceAccount>(client, namespace: "default").create(
                ServiceAccount(metadata: ObjectMeta(name: "rotated", namespace: "default")))
            let robotToken = try await requestToken(client, serviceAccount: "rotated")
            // The kubelet rotates the token by swapping files: the next request uses the new one.
            let staged = directory.appending(path: "..token-new")
            try Data(robotToken.utf8).write(to: staged)
            #expect(rename(staged.path, tokenFile.path) == 0)
            let error = await #expect(throws: KubeAPIError.self) { try await Api<Secret>(client, namespace: "default").list() }
            #expect(error?.isForbidden == true)
            #expect(error?.message.contains("system:serviceaccount:default:rotated") == true)
        }
    }
}
