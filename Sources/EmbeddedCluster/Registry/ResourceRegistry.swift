import KubeModel
import Synchronization

/// The resources the server serves: the built-in kinds plus the kinds of every
/// Established CustomResourceDefinition. Read on every request, written when
/// CRDs change.
public final class ResourceRegistry: Sendable {
    private let state: Mutex<[ResourceKey: ResourceType]>

    public init() {
        var types: [ResourceKey: ResourceType] = [:]
        for type in ResourceType.builtins { types[type.key] = type }
        state = Mutex(types)
    }

    public var all: [ResourceType] {
        state.withLock { Array($0.values) }.sorted { $0.key < $1.key }
    }

    public func type(_ key: ResourceKey) -> ResourceType? {
        state.withLock { $0[key] }
    }

    /// The resource served at group/version/plural, if any.
    public func type(group: String, version: String, resource: String) -> ResourceType? {
        guard let type = state.withLock({ $0[ResourceKey(group: group, resource: resource)] }),
            type.version == version
        else { return nil }
        return type
    }

    public func type(kind: String, apiVersion: String) -> ResourceType? {
        state.withLock { types in types.values.first { $0.kind == kind && $0.apiVersion == apiVersion } }
    }

    /// Starts serving the kind a CRD defines (its storage version).
    public func register(_ crd: CustomResourceDefinition) {
        guard let version = crd.spec.storageVersion ?? crd.spec.versions.first else { return }
        var type = ResourceType(
            group: crd.spec.group, version: version.name, kind: crd.spec.names.kind, plural: crd.spec.names.plural,
            namespaced: crd.spec.scope == .namespaced, shortNames: crd.spec.names.shortNames,
            categories: crd.spec.names.categories,
            subresources: version.subresources?.hasStatus == true ? ["status"] : [])
        if let singular = crd.spec.names.singular { type.singular = singular }
        type.schema = StructuralSchema(
            version.schema?.openAPIV3Schema ?? JSONSchemaProps(type: "object").preservingUnknownFields())
        type.printerColumns = version.additionalPrinterColumns
        state.withLock { $0[type.key] = type }
    }

    public func unregister(group: String, plural: String) {
        _ = state.withLock { $0.removeValue(forKey: ResourceKey(group: group, resource: plural)) }
    }

    /// API group/version pairs currently served, core first.
    public var groupVersions: [(group: String, version: String)] {
        var seen: Set<String> = []
        var result: [(String, String)] = []
        for type in all.sorted(by: { ($0.group.isEmpty ? 0 : 1, $0.group) < ($1.group.isEmpty ? 0 : 1, $1.group) })
        where seen.insert(type.apiVersion).inserted {
            result.append((type.group, type.version))
        }
        return result
    }
}

extension JSONSchemaProps {
    func preservingUnknownFields() -> JSONSchemaProps {
        var copy = self
        copy.xPreserveUnknownFields = true
        return copy
    }
}
