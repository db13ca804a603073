import Foundation
import KubeModel

/// Server-side printing of one kind as a meta.k8s.io/v1 Table: column
/// definitions plus a function from an object to its cells.
///
/// Built-in printers follow kubectl's `pkg/printers/internalversion` with
/// `Wide: true` (as the API server generates them, priority-1 columns
/// included); custom resources use their CRD's additionalPrinterColumns.
public struct ResourceTablePrinter: Sendable {
    /// One row's cells (one per column) and row conditions.
    public struct Row: Hashable, Sendable {
        public var cells: [JSONValue]
        public var conditions: [TableRowCondition]

        public init(cells: [JSONValue], conditions: [TableRowCondition] = []) {
            self.cells = cells
            self.conditions = conditions
        }
    }

    public let columns: [TableColumnDefinition]
    private let render: @Sendable (_ object: JSONValue, _ now: Date) -> Row

    public init(columns: [TableColumnDefinition], row: @escaping @Sendable (_ object: JSONValue, _ now: Date) -> Row) {
        self.columns = columns
        self.render = row
    }

    /// The printer for a built-in kind, or nil when there is none.
    public static func builtin(group: String, kind: String) -> ResourceTablePrinter? {
        switch (group, kind) {
        case ("", "Pod"): pods
        case ("apps", "Deployment"): deployments
        case ("batch", "Job"): jobs
        case ("", "ConfigMap"): configMaps
        case ("", "Secret"): secrets
        case ("", "Namespace"): namespaces
        case ("", "Event"): events
        case ("", "ServiceAccount"): serviceAccounts
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): createdAt
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"): createdAt
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            roleBindings
        default: nil
        }
    }

    /// The built-in printer for the kind, or Name/Age.
    public static func forKind(group: String, kind: String) -> ResourceTablePrinter {
        builtin(group: group, kind: kind) ?? generic
    }

    public func row(for object: JSONValue, now: Date = Date()) -> Row {
        render(object, now)
    }

    /// The Table for a list (or a single object), exactly as the API server
    /// encodes it: every column field present, `rows` and
    /// `columnDefinitions` always arrays, each row's `object` per
    /// `includeObject`. `tableAPIVersion` is the requested Table version
    /// (meta.k8s.io/v1 or v1beta1), also used for PartialObjectMetadata.
    public func table(
        for objects: [JSONValue], listMeta: ListMeta = ListMeta(), includeObject: IncludeObjectPolicy = .metadata,
        tableAPIVersion: String = Table.apiVersion, now: Date = Date()
    ) -> JSONValue {
        var metadata: [String: JSONValue] = [:]
        if let resourceVersion = listMeta.resourceVersion, !resourceVersion.isEmpty {
            metadata["resourceVersion"] = .string(resourceVersion)
        }
        if let next = listMeta.continue, !next.isEmpty { metadata["continue"] = .string(next) }
        if let remaining = listMeta.remainingItemCount { metadata["remainingItemCount"] = .integer(remaining) }
        let rows: [JSONValue] = objects.map { object in
            let row = render(object, now)
            var members: [String: JSONValue] = [
                "cells": .array(row.cells),
                "object": Self.rowObject(object, includeObject, tableAPIVersion),
            ]
            if !row.conditions.isEmpty {
                members["conditions"] = .array(row.conditions.map(Self.encode))
            }
            return .object(members)
        }
        return .object([
            "kind": .string(Table.kind),
            "apiVersion": .string(tableAPIVersion),
            "metadata": .object(metadata),
            "columnDefinitions": .array(columns.map(Self.encode)),
            "rows": .array(rows),
        ])
    }

    /// The Table for one object (a GET): its resourceVersion heads the table.
    public func table(
        for object: JSONValue, includeObject: IncludeObjectPolicy = .metadata,
        tableAPIVersion: String = Table.apiVersion, now: Date = Date()
    ) -> JSONValue {
        let resourceVersion = object["metadata"]?["resourceVersion"]?.stringValue
        return table(
            for: [object], listMeta: ListMeta(resourceVersion: resourceVersion), includeObject: includeObject,
            tableAPIVersion: tableAPIVersion, now: now)
    }

    private static func rowObject(_ object: JSONValue, _ policy: IncludeObjectPolicy, _ apiVersion: String)
        -> JSONValue
    {
        switch policy {
        case .none:
            return .null
        case .object:
            return object
        case .metadata:
            return .object([
                "kind": "PartialObjectMetadata",
                "apiVersion": .string(apiVersion),
                "metadata": object["metadata"] ?? .object([:]),
            ])
        }
    }

    private static func encode(_ column: TableColumnDefinition) -> JSONValue {
        .object([
            "name": .string(column.name),
            "type": .string(column.type),
            "format": .string(column.format ?? ""),
            "description": .string(column.description ?? ""),
            "priority": .integer(Int64(column.priority ?? 0)),
        ])
    }

    private static func encode(_ condition: TableRowCondition) -> JSONValue {
        var members: [String: JSONValue] = [
            "type": .string(condition.type), "status": .string(condition.status.rawValue),
        ]
        if let reason = condition.reason, !reason.isEmpty { members["reason"] = .string(reason) }
        if let message = condition.message, !message.isEmpty { members["message"] = .string(message) }
        return .object(members)
    }
}
