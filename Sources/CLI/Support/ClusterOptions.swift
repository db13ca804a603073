import ArgumentParser
import Foundation
import KubeClient

/// Where a command finds the cluster, and which namespace it works in:
/// the options every resource command shares.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Path of a kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "Context of the kubeconfig to use (default: its current context).")
    var context: String?

    @Option(name: [.short, .long], help: "Namespace (default: the context's namespace, else \"default\").")
    var namespace: String?

    @Flag(name: [.customShort("A"), .long], help: "Every namespace (list commands).")
    var allNamespaces = false

    /// A client for the selected cluster, and the namespace to use.
    /// `managedFields: false` decodes objects without `metadata.managedFields`.
    func connect(managedFields: Bool = true) throws -> (client: KubeClient, namespace: String) {
        var configuration: ClientConfiguration
        do {
            if let kubeconfig {
                configuration = try ClientConfiguration.fromKubeconfig(paths: [kubeconfig], context: context)
            } else if context != nil || !Kubeconfig.defaultPaths().filter({ FileManager.default.fileExists(atPath: $0) }).isEmpty {
                configuration = try ClientConfiguration.fromKubeconfig(paths: Kubeconfig.defaultPaths(), context: context)
            } else {
                configuration = try ClientConfiguration.infer()
            }
        } catch {
            throw CLIError(
                code: "NoCluster",
                "cannot find a cluster: \(error). Pass --kubeconfig, set KUBECONFIG, or start one with `sympozium up`.")
        }
        configuration.decodesManagedFields = managedFields
        return (try KubeClient(configuration), namespace ?? configuration.defaultNamespace)
    }
}

extension ClusterOptions {
    /// Runs `body` with a connected client and shuts the client down after.
    func withClient<T>(_ body: (KubeClient, String) async throws -> T) async throws -> T {
        let (client, namespace) = try connect()
        do {
            let result = try await body(client, namespace)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// An error the CLI reports as one line on stderr, with a stable code.
struct CLIError: Error, CustomStringConvertible {
    var code: String
    var message: String
    /// The process exit code.
    var exitCode: Int32 = 1

    init(code: String, _ message: String, exitCode: Int32 = 1) {
        self.code = code
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}
