import ArgumentParser
import Controllers
import Foundation
import KubeClient
import KubeModel

struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install Sympozium into the current cluster.",
        discussion: """
            Applies, server-side and idempotently: the sympozium.ai CRDs, the sympozium-system namespace, \
            RBAC, the controller manager (2 replicas, leader-elected), the admission webhook (it generates \
            its certificate and registers its webhook configurations), NATS JetStream, the HTTP/WebSocket \
            API server (Deployment and Service sympozium-apiserver; its bearer token is made once, \
            in the Secret sympozium-apiserver-token, and never rotated by a later install), network \
            policies for the event bus and the API, and the built-in skill packs. The manifests are \
            embedded in this binary.

            Example:
              sympozium install --dry-run
              sympozium install --image-tag v0.1.0
              sympozium onboard
            """)

    @OptionGroup var cluster: ClusterOptions

    @Flag(help: "Ask the API server to validate everything without storing it.")
    var dryRun = false

    @Option(help: "Registry of Sympozium's images.")
    var imageRegistry: String?

    @Option(help: "Tag of Sympozium's images.")
    var imageTag: String?

    func run() async throws {
        var manifests = InstallManifests()
        manifests.settings = ControllerSettings.fromEnvironment()
        if let imageRegistry { manifests.settings.imageRegistry = imageRegistry }
        if let imageTag { manifests.settings.imageTag = imageTag }
        let objects = try manifests.objects()
        try await cluster.withClient { client, _ in
            let applier = ManifestApplier(client: client, fieldManager: "sympozium-install", force: true, dryRun: dryRun)
            let discovery = Discovery(client: client)
            let suffix = dryRun ? " (dry run)" : ""
            for object in objects {
                let kind = object["kind"]?.stringValue ?? "?"
                let name = object["metadata"]?["name"]?.stringValue ?? "?"
                let namespace = object["metadata"]?["namespace"]?.stringValue.map { "\($0)/" } ?? ""
                if dryRun, let apiVersion = object["apiVersion"]?.stringValue, apiVersion.hasPrefix("sympozium.ai/"),
                    (try? await discovery.resource(for: GroupVersionKind(apiVersion: apiVersion, kind: kind))) == nil
                {
                    Console.write("\(kind) \(namespace)\(name): would be applied once its CRD exists\(suffix)\n")
                    continue
                }
                _ = try await CLIFailure.translate { try await applier.apply([object]) }
                Console.write("\(kind) \(namespace)\(name) applied\(suffix)\n")
            }
            let secret = "Secret \(manifests.namespace)/\(InstallManifests.apiTokenSecret)"
            if dryRun {
                Console.write("\(secret): the API token, would be created if missing\(suffix)\n")
            } else if try await CLIFailure.translate({ try await manifests.ensureAPIToken(client: client) }) {
                Console.write("\(secret) created (the API's bearer token, 32 random bytes)\n")
            } else {
                Console.write("\(secret) kept (install never rotates the API token)\n")
            }
        }
        if !dryRun {
            Console.write("""

                Sympozium is installed. Next: `sympozium onboard` to create your first instance, then `sympozium doctor`.
                The API: kubectl -n \(manifests.namespace) port-forward svc/\(InstallManifests.apiServerName) 8080, with the token from
                  kubectl -n \(manifests.namespace) get secret \(InstallManifests.apiTokenSecret) -o jsonpath='{.data.token}' | base64 -d

                """)
        }
    }
}
