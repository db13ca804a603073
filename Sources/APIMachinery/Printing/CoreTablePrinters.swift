import Foundation
import KubeModel

/// ConfigMaps, Secrets, Namespaces, Events, ServiceAccounts, RBAC bindings,
/// and the two fallbacks (Name/Age and Name/Created At).
extension ResourceTablePrinter {
    /// Name, Age: for kinds without a dedicated printer.
    public static let generic = ResourceTablePrinter(columns: [TableColumns.name, TableColumns.age]) { object, now in
        Row(cells: [TableColumns.name(of: object), TableColumns.age(of: object, now: now)])
    }

    /// Name, Created At (type "date", RFC 3339): the API server's default
    /// table convertor, used for CustomResourceDefinitions, Roles and ClusterRoles.
    public static let createdAt = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Created At", TableColumns.creationTimestampDescription, type: "date"),
        ]
    ) { object, _ in
        Row(cells: [TableColumns.name(of: object), TableColumns.createdAt(of: object)])
    }

    /// Name, Data (count of data and binaryData keys), Age.
    public static let configMaps = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Data", "Data contains the configuration data."),
            TableColumns.age,
        ]
    ) { object, now in
        let count = TableColumns.count(object["data"]) + TableColumns.count(object["binaryData"])
        return Row(cells: [TableColumns.name(of: object), .integer(count), TableColumns.age(of: object, now: now)])
    }

    /// Name, Type, Data (count), Age.
    public static let secrets = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Type", "Used to facilitate programmatic handling of secret data."),
            TableColumns.column("Data", "Data contains the secret data."),
            TableColumns.age,
        ]
    ) { object, now in
        var keys = Set((object["data"]?.objectValue ?? [:]).keys)
        keys.formUnion((object["stringData"]?.objectValue ?? [:]).keys)
        return Row(cells: [
            TableColumns.name(of: object), .string(TableColumns.string(object["type"])), .integer(Int64(keys.count)),
            TableColumns.age(of: object, now: now),
        ])
    }

    /// Name, Status (phase), Age.
    public static let namespaces = ResourceTablePrinter(
        columns: [TableColumns.name, TableColumns.column("Status", "The status of the namespace"), TableColumns.age]
    ) { object, now in
        Row(cells: [
            TableColumns.name(of: object), .string(TableColumns.string(object["status"]?["phase"])),
            TableColumns.age(of: object, now: now),
        ])
    }

    /// Name, Secrets (count), Age.
    public static let serviceAccounts = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
            TableColumns.age,
        ]
    ) { object, now in
        Row(cells: [
            TableColumns.name(of: object), .integer(TableColumns.count(object["secrets"])),
            TableColumns.age(of: object, now: now),
        ])
    }

    /// Name, Role "Kind/name", Age; Users, Groups, ServiceAccounts.
    public static let roleBindings = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Role", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
            TableColumns.age,
            TableColumns.column("Users", "Users in the roleBinding", priority: 1),
            TableColumns.column("Groups", "Groups in the roleBinding", priority: 1),
            TableColumns.column("ServiceAccounts", "ServiceAccounts in the roleBinding", priority: 1),
        ]
    ) { object, now in
        let roleRef = object["roleRef"]
        var users: [String] = []
        var groups: [String] = []
        var serviceAccounts: [String] = []
        for subject in object["subjects"]?.arrayValue ?? [] {
            let name = TableColumns.string(subject["name"])
            switch subject["kind"]?.stringValue {
            case "User": users.append(name)
            case "Group": groups.append(name)
            case "ServiceAccount": serviceAccounts.append(TableColumns.string(subject["namespace"]) + "/" + name)
            default: break
            }
        }
        return Row(cells: [
            TableColumns.name(of: object),
            .string(TableColumns.string(roleRef?["kind"]) + "/" + TableColumns.string(roleRef?["name"])),
            TableColumns.age(of: object, now: now),
            .string(users.joined(separator: ", ")), .string(groups.joined(separator: ", ")),
            .string(serviceAccounts.joined(separator: ", ")),
        ])
    }
}
