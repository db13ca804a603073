import Foundation
import KubeModel
import Logging
import ServiceLifecycle

/// Serves the kinds of CustomResourceDefinitions: registers them, marks them
/// Established, and on deletion removes their objects before letting go.
public struct CRDController: ServiceLifecycle.Service, Sendable {
    static let crds = ResourceKey(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")
    static let cleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    let service: ObjectService
    let logger: Logger

    public init(service: ObjectService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    /// Registers every stored CRD; called before the server starts serving.
    public static func registerExisting(store: ObjectStore, registry: ResourceRegistry) async {
        for stored in await store.list(crds).items {
            if let crd = try? stored.object().decode(as: CustomResourceDefinition.self), crd.metadata.deletionTimestamp == nil {
                registry.register(crd)
            }
        }
    }

    public func run() async throws {
        let (id, events) = await service.store.watchAll { $0.resource == Self.crds }
        for stored in await service.store.list(Self.crds).items { await reconcile(stored) }
        await withGracefulShutdownHandler {
            for await event in events where event.resource == Self.crds {
                if event.type == .deleted {
                    if let crd = try? event.object.object().decode(as: CustomResourceDefinition.self) {
                        service.registry.unregister(group: crd.spec.group, plural: crd.spec.names.plural)
                    }
                } else {
                    await reconcile(event.object)
                }
            }
        } onGracefulShutdown: {
            Task { await service.store.stopWatch(id) }
        }
    }

    func reconcile(_ stored: StoredObject) async {
        guard let type = service.registry.type(Self.crds),
            var crd = try? stored.object().decode(as: CustomResourceDefinition.self)
        else { return }
        let name = crd.metadata.name ?? ""
        do {
            if crd.metadata.deletionTimestamp != nil {
                try await removeInstances(of: crd)
                service.registry.unregister(group: crd.spec.group, plural: crd.spec.names.plural)
                try await service.removeFinalizer(Self.cleanupFinalizer, type: type, key: stored.key)
                return
            }
            service.registry.register(crd)
            if !crd.metadata.finalizers.contains(Self.cleanupFinalizer) {
                crd.metadata.finalizers.append(Self.cleanupFinalizer)
                _ = try await service.update(type, key: stored.key, body: try JSONValue(encoding: crd), requireVersion: false)
                return
            }
            let now = Time.now
            var status = crd.status ?? CustomResourceDefinitionStatus()
            let wanted = [
                CustomResourceDefinitionCondition(type: "NamesAccepted", status: .true, lastTransitionTime: now, reason: "NoConflicts", message: "no conflicts found"),
                CustomResourceDefinitionCondition(type: "Established", status: .true, lastTransitionTime: now, reason: "InitialNamesAccepted", message: "the initial names have been accepted"),
            ]
            let current = status.conditions.filter { $0.status == .true }.map(\.type)
            guard Set(current) != ["NamesAccepted", "Established"] || status.acceptedNames != crd.spec.names else { return }
            status.conditions = wanted
            status.acceptedNames = crd.spec.names
            status.storedVersions = crd.spec.versions.filter(\.storage).map(\.name)
            crd.status = status
            _ = try await service.update(type, key: stored.key, body: try JSONValue(encoding: crd), subresource: "status", requireVersion: false)
            logger.info("custom resource established", metadata: ["k8s.kind": "CustomResourceDefinition", "k8s.name": "\(name)"])
        } catch let error as APIError where error.code == 409 || error.code == 404 {
            return  // a newer version arrives as its own event
        } catch {
            logger.warning("reconciling CRD failed", metadata: ["k8s.name": "\(name)", "error": "\(error)"])
        }
    }

    private func removeInstances(of crd: CustomResourceDefinition) async throws {
        guard let type = service.registry.type(ResourceKey(group: crd.spec.group, resource: crd.spec.names.plural)) else {
            return
        }
        for item in await service.store.list(type.key).items {
            _ = try? await service.store.delete(type.key, item.key)
        }
    }
}
