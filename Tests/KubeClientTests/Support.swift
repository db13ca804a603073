import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import Testing

extension TestCluster {
    /// A client configured from the cluster's kubeconfig, as a user would.
    func client() throws -> KubeClient {
        try KubeClient(ClientConfiguration.fromKubeconfig(paths: [kubeconfig.path]))
    }
}

/// Runs a test body with a fresh embedded cluster and a client, then cleans up.
func withCluster<T>(
    store: ObjectStoreConfigurationHint = .default,
    _ body: (TestCluster, KubeClient) async throws -> T
) async throws -> T {
    let cluster = try await TestCluster.start(store: store.configuration)
    let client = try cluster.client()
    do {
        let result = try await body(cluster, client)
        try await client.shutdown()
        await cluster.stopAndRemove()
        return result
    } catch {
        try? await client.shutdown()
        await cluster.stopAndRemove()
        throw error
    }
}

import EmbeddedCluster

/// Store settings a test may need (a short watch history forces 410s).
enum ObjectStoreConfigurationHint {
    case `default`
    case historyLimit(Int)

    var configuration: ObjectStore.Configuration {
        var configuration = ObjectStore.Configuration()
        if case .historyLimit(let limit) = self { configuration.historyLimit = limit }
        return configuration
    }
}

/// A ConfigMap with some data, for tests.
func configMap(_ name: String, namespace: String = "default", data: [String: String] = [:], labels: [String: String] = [:]) -> ConfigMap {
    ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
}

/// Polls until `condition` holds or the timeout passes. A condition that
/// throws (a server restarting refuses a connection) counts as not yet held;
/// the last error is reported if the time runs out.
func eventually(
    timeout: Duration = .seconds(10), _ what: String = "condition", sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    var lastError: (any Error)?
    while ContinuousClock.now < deadline {
        do {
            if try await condition() { return }
            lastError = nil
        } catch {
            lastError = error
        }
        try await Task.sleep(for: .milliseconds(25))
    }
    Issue.record("timed out waiting for \(what)\(lastError.map { "; last error: \($0)" } ?? "")", sourceLocation: sourceLocation)
}
