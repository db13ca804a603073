import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove Sympozium from the current cluster.",
        discussion: """
            The reverse of install. Every Sympozium object is deleted first, while the controller can still \
            clean up after it (cluster RBAC of skill sidecars). Objects whose finalizers are still pending \
            after --timeout (the controller is gone) have that cleanup done here, then their finalizers \
            removed. Then the sympozium-system namespace, the cluster-wide RBAC, the webhook \
            configurations and the CRDs go — with the CRDs, every remaining custom resource.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Flag(help: "Only print what would be removed.")
    var dryRun = false

    @Option(help: "Seconds to wait for the controller to finish its cleanup.")
    var timeout = 60

    /// Custom resources, runs first so their cleanup runs while instances exist.
    static let kinds: [(apiVersion: String, plural: String, kind: String)] = [
        (SympoziumGroup.apiVersion, AgentRun.plural, AgentRun.kind),
        (SympoziumGroup.apiVersion, SympoziumSchedule.plural, SympoziumSchedule.kind),
        (SympoziumGroup.apiVersion, SympoziumInstance.plural, SympoziumInstance.kind),
        (SympoziumGroup.apiVersion, SympoziumPolicy.plural, SympoziumPolicy.kind),
        (SympoziumGroup.apiVersion, SkillPack.plural, SkillPack.kind),
    ]

    func run() async throws {
        try await cluster.withClient { client, _ in
            let discovery = Discovery(client: client)
            var remaining: [(DynamicApi, String)] = []
            for kind in Self.kinds {
                guard let resource = try? await discovery.resource(for: GroupVersionKind(apiVersion: kind.apiVersion, kind: kind.kind)) else { continue }
                let all = DynamicApi(client, resource: resource, namespace: nil)
                for object in try await all.list() {
                    guard let name = object["metadata"]?["name"]?.stringValue else { continue }
                    let namespace = object["metadata"]?["namespace"]?.stringValue ?? "default"
                    let api = DynamicApi(client, resource: resource, namespace: namespace)
                    Console.write("\(kind.kind) \(namespace)/\(name) \(dryRun ? "would be deleted" : "deleted")\n")
                    guard !dryRun else { continue }
                    try await Self.ignoringNotFound { try await api.delete(name) }
                    remaining.append((api, name))
                }
            }
            if !dryRun { try await finishCleanup(remaining, client: client) }
            try await deletePlatform(client: client, discovery: discovery)
        }
        Console.write(dryRun ? "nothing was changed (dry run)\n" : "Sympozium is uninstalled.\n")
    }

    /// Waits for the controller's finalizers; past the timeout, does their work and removes them.
    private func finishCleanup(_ objects: [(DynamicApi, String)], client: KubeClient) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var pending = objects
        while !pending.isEmpty, ContinuousClock.now < deadline {
            var still: [(DynamicApi, String)] = []
            for (api, name) in pending where (try? await api.get(name)) != nil { still.append((api, name)) }
            pending = still
            if !pending.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        guard !pending.isEmpty else { return }
        Console.error("warning: \(pending.count) objects still had finalizers after \(timeout)s (is the controller running?); cleaning up for it\n")
        let selector = ListParameters(labelSelector: SympoziumLabel.agentRun)
        try await Api<ClusterRoleBinding>(client).deleteCollection(selector)
        try await Api<ClusterRole>(client).deleteCollection(selector)
        for (api, name) in pending {
            try await Self.ignoringNotFound { _ = try await api.patch(name, .merge(["metadata": ["finalizers": .null]])) }
        }
    }

    private func deletePlatform(client: KubeClient, discovery: Discovery) async throws {
        let verb = dryRun ? "would be deleted" : "deleted"
        let namespace = SympoziumGroup.systemNamespace
        if try await Api<Namespace>(client).getIfExists(namespace) != nil {
            Console.write("Namespace \(namespace) \(verb)\n")
            if !dryRun { try await Self.ignoringNotFound { try await Api<Namespace>(client).delete(namespace) } }
        }
        for object in InstallManifests.clusterScoped {
            guard let resource = try? await discovery.resource(for: GroupVersionKind(apiVersion: object.apiVersion, kind: object.kind)) else { continue }
            let api = DynamicApi(client, resource: resource, namespace: nil)
            guard (try? await api.get(object.name)) != nil else { continue }
            Console.write("\(object.kind) \(object.name) \(verb)\n")
            if !dryRun { try await Self.ignoringNotFound { try await api.delete(object.name) } }
        }
        for kind in SympoziumKinds.customResourceDefinitions {
            guard let name = kind.metadata.name, try await Api<CustomResourceDefinition>(client).getIfExists(name) != nil else { continue }
            Console.write("CustomResourceDefinition \(name) \(verb)\n")
            if !dryRun { try await Self.ignoringNotFound { try await Api<CustomResourceDefinition>(client).delete(name) } }
        }
    }

    static func ignoringNotFound(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as KubeAPIError where error.isNotFound {
        }
    }
}
