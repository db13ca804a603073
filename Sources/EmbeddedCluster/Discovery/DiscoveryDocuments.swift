import Foundation
import KubeModel

/// The discovery documents kubectl and client libraries read first.
struct DiscoveryDocuments: Sendable {
    let registry: ResourceRegistry
    let serverAddress: String

    /// /version
    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0-sympozium", "gitCommit": "",
        "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "swift",
        "compiler": "swift", "platform": "linux/amd64",
    ]

    /// /api
    var coreVersions: JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// /apis
    var groups: JSONValue {
        var byGroup: [String: [String]] = [:]
        for (group, version) in registry.groupVersions where !group.isEmpty {
            byGroup[group, default: []].append(version)
        }
        let groups: [JSONValue] = byGroup.keys.sorted().map { name in
            let versions = byGroup[name] ?? []
            let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
            return [
                "name": .string(name), "versions": .array(entries),
                "preferredVersion": entries.first ?? [:],
            ]
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// /apis/<group> (one group)
    func group(_ name: String) -> JSONValue? {
        guard let document = groups["groups"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else {
            return nil
        }
        var result = document
        result["kind"] = "APIGroup"
        result["apiVersion"] = "v1"
        return result
    }

    /// /api/v1 or /apis/<group>/<version>
    func resources(group: String, version: String) -> JSONValue? {
        let types = registry.all.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        var entries: [JSONValue] = []
        for type in types.sorted(by: { $0.plural < $1.plural }) {
            var entry: JSONValue = [
                "name": .string(type.plural), "singularName": .string(type.singular),
                "namespaced": .bool(type.namespaced), "kind": .string(type.kind),
                "verbs": .array(type.verbs.map(JSONValue.string)),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map(JSONValue.string)) }
            entries.append(entry)
            for subresource in type.subresources {
                let verbs: [JSONValue] =
                    switch subresource {
                    case "log": ["get"]
                    case "token": ["create"]
                    case "finalize": ["update"]
                    default: ["get", "patch", "update"]
                    }
                let kind = subresource == "token" ? "TokenRequest" : (subresource == "log" ? "Pod" : type.kind)
                var subEntry: JSONValue = [
                    "name": .string("\(type.plural)/\(subresource)"), "singularName": "",
                    "namespaced": .bool(type.namespaced), "kind": .string(kind), "verbs": .array(verbs),
                ]
                if subresource == "token" {
                    subEntry["group"] = "authentication.k8s.io"
                    subEntry["version"] = "v1"
                }
                entries.append(subEntry)
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(entries),
        ]
    }
}
