import ArgumentParser
import Foundation
import KubeClient
import KubeModel

/// `sympozium <noun> list|get|delete` for one kind.
struct ResourceCommand<D: ResourceDescriptor>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: D.noun, abstract: "List, show and delete \(D.noun).",
            subcommands: [ResourceList<D>.self, ResourceGet<D>.self, ResourceDelete<D>.self], defaultSubcommand: ResourceList<D>.self)
    }
}

/// `sympozium runs list|get|delete|logs`.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List, show, delete and read the logs of agent runs.",
        subcommands: [ResourceList<Runs>.self, ResourceGet<Runs>.self, ResourceDelete<Runs>.self, RunLogsCommand.self],
        defaultSubcommand: ResourceList<Runs>.self)
}

struct ResourceList<D: ResourceDescriptor>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List \(D.noun) in a namespace (-A: in all).")
    }

    @OptionGroup var cluster: ClusterOptions

    @Option(name: [.short, .long], help: "Output format: table, json, yaml or name.")
    var output: OutputFormat = .table

    @Option(name: [.short, .customLong("selector")], help: "Label selector (key=value,...).")
    var selector: String?

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let api = cluster.allNamespaces ? Api<D.Resource>(client) : Api<D.Resource>(client, namespace: namespace)
            let items = try await CLIFailure.translate { try await api.list(ListParameters(labelSelector: selector, limit: 500)).items }
            Console.write(try ResourcePrinting.render(D.self, items, format: output, allNamespaces: cluster.allNamespaces, single: false))
            if items.isEmpty && output == .table {
                Console.error("No \(D.noun) found\(cluster.allNamespaces ? "" : " in namespace \(namespace)").\n")
            }
        }
    }
}

struct ResourceGet<D: ResourceDescriptor>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "get", abstract: "Show one \(D.singular).")
    }

    @OptionGroup var cluster: ClusterOptions

    @Option(name: [.short, .long], help: "Output format: table, json, yaml or name.")
    var output: OutputFormat = .yaml

    @Argument(help: "Name of the \(D.singular).")
    var name: String

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let object = try await CLIFailure.translate(notFound: "\(D.singular) \"\(name)\" not found in namespace \(namespace)") {
                try await Api<D.Resource>(client, namespace: namespace).get(name)
            }
            Console.write(try ResourcePrinting.render(D.self, [object], format: output, allNamespaces: false, single: true))
        }
    }
}

struct ResourceDelete<D: ResourceDescriptor>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "delete", abstract: "Delete \(D.noun) by name.")
    }

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "Names of the \(D.noun) to delete.")
    var names: [String]

    @Flag(help: "Return without waiting for finalizers to finish.")
    var noWait = false

    func validate() throws {
        guard !names.isEmpty else { throw ValidationError("name at least one \(D.singular) to delete") }
    }

    func run() async throws {
        try await cluster.withClient { client, namespace in
            try await delete(client: client, namespace: namespace)
        }
    }

    private func delete(client: KubeClient, namespace: String) async throws {
        let api = Api<D.Resource>(client, namespace: namespace)
        for name in names {
            try await CLIFailure.translate(notFound: "\(D.singular) \"\(name)\" not found in namespace \(namespace)") {
                try await api.delete(name)
            }
            if !noWait {
                let deadline = ContinuousClock.now + .seconds(60)
                var announced = false
                while ContinuousClock.now < deadline, try await api.getIfExists(name) != nil {
                    if !announced {
                        // A long wait says what it waits for (finalizers run their cleanup first).
                        Console.error("waiting for \(D.singular) \"\(name)\" to finish its cleanup...\n")
                        announced = true
                    }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            Console.write("\(D.singular.replacingOccurrences(of: " ", with: "")) \"\(name)\" deleted\n")
        }
    }
}

enum ResourcePrinting {
    static func render<D: ResourceDescriptor>(
        _ descriptor: D.Type, _ items: [D.Resource], format: OutputFormat, allNamespaces: Bool, single: Bool
    ) throws -> String {
        switch format {
        case .json, .yaml:
            return try ObjectPrinter.document(items, format: format, single: single)
        case .name:
            return items.map { "\(D.Resource.plural).\(D.Resource.group)/\($0.metadata.name ?? "")\n" }.joined()
        case .table:
            guard !items.isEmpty else { return "" }
            let now = Date()
            var headers = D.headers
            var rows = items.map { D.row($0, now: now) }
            if allNamespaces {
                headers.insert("NAMESPACE", at: 0)
                rows = zip(items, rows).map { [$0.metadata.namespace ?? ""] + $1 }
            }
            return ObjectPrinter.table(headers: headers, rows: rows)
        }
    }
}

/// Turns API errors into one clear line for the user.
enum CLIFailure {
    @discardableResult
    static func translate<T>(notFound: String? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as KubeAPIError where error.isNotFound {
            let message = notFound ?? error.status.message ?? "not found"
            let hint = error.status.message?.contains("the server could not find the requested resource") == true
                ? " (are the Sympozium CRDs installed? `sympozium doctor` checks)" : ""
            throw CLIError(code: "NotFound", message + hint)
        } catch let error as KubeAPIError {
            throw CLIError(code: error.status.reason?.rawValue ?? "APIError", error.status.message ?? "\(error)")
        } catch let error as KubeClientError {
            throw CLIError(code: "\(error.code)", "cannot reach the cluster: \(error)")
        }
    }
}
