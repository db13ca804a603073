import ClusterTestSupport
import Controllers
import EventBus
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI
import Testing

/// An embedded cluster with the CRDs installed and the controller manager running.
struct ControlPlane {
    let cluster: TestCluster
    let client: KubeClient
    let manager: Task<Void, any Error>

    static func start(settings: ControllerSettings = ControllerSettings(), eventBus: (any EventBus)? = nil) async throws -> ControlPlane {
        let cluster = try await TestCluster.start()
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [cluster.kubeconfig.path]))
        try await installCRDs(client)
        var configuration = ControllerManager.Configuration()
        configuration.settings = settings
        configuration.eventBus = eventBus
        let manager = ControllerManager(client: client, configuration: configuration)
        let task = Task { try await manager.run() }
        return ControlPlane(cluster: cluster, client: client, manager: task)
    }

    /// Applies the sympozium.ai CRDs and waits until they are served.
    static func installCRDs(_ client: KubeClient) async throws {
        let crds = try SympoziumKinds.customResourceDefinitions.map { try JSONValue(encoding: $0) }
        try await ManifestApplier(client: client, fieldManager: "tests").apply(crds)
        let discovery = Discovery(client: client)
        try await waitFor("the CRDs to be served") { (try? await discovery.resource(for: SympoziumSchedule.groupVersionKind)) != nil }
    }

    func stop() async {
        manager.cancel()
        _ = await manager.result
        try? await client.shutdown()
        await cluster.stopAndRemove()
    }

    /// `kubectl apply -f -` of a YAML document stream.
    func apply(_ yaml: String) async throws {
        try await cluster.kubectlOK(["apply", "-f", "-"], stdin: yaml)
    }
}

/// Polls until `condition` holds; records an issue on timeout.
func waitFor(
    timeout: Duration = .seconds(15), _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    throw WaitTimeout()
}

struct WaitTimeout: Error {}

/// Marks a Job complete or failed, as the Job controller would.
func finishJob(_ client: KubeClient, name: String, namespace: String = "default", succeeded: Bool) async throws {
    let condition: JSONValue = [
        "type": succeeded ? "Complete" : "Failed", "status": "True", "reason": succeeded ? "Completed" : "BackoffLimitExceeded",
        "message": succeeded ? "" : "Job has reached the specified backoff limit",
    ]
    var status: [String: JSONValue] = ["conditions": [condition]]
    status[succeeded ? "succeeded" : "failed"] = 1
    _ = try await Api<Job>(client, namespace: namespace).patchStatus(name, .merge(["status": .object(status)]))
}
