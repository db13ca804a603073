import Foundation
import KubeModel
import Logging
import ServiceLifecycle

/// Deletes dependents whose owners are gone, and carries out Foreground and
/// Orphan deletion, following ownerReferences as Kubernetes' garbage
/// collector does.
public struct GarbageCollector: ServiceLifecycle.Service, Sendable {
    let service: ObjectService
    let logger: Logger
    /// How often everything is re-checked, in case an event was missed.
    var resyncInterval: Duration = .seconds(30)

    public init(service: ObjectService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    var store: ObjectStore { service.store }

    public func run() async throws {
        // Deletions drive the collector; ordinary writes need no attention.
        let (id, events) = await store.watchAll { $0.type == .deleted || $0.object.isBeingDeleted }
        await sweep()
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events { await handle(event) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: resyncInterval)
                        await sweep()
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task { await store.stopWatch(id) }
        }
    }

    func handle(_ event: WatchEvent) async {
        switch event.type {
        case .deleted:
            await ownerGone(uid: event.object.uid)
            for owner in event.object.ownerUIDs { await reconcileDeleting(uid: owner) }
            let namespace = event.object.key.namespace
            if !namespace.isEmpty,
                await store.get(NamespaceLifecycle.namespaces, ObjectKey(namespace: "", name: namespace))?
                    .fields["status.phase"] == "Terminating"
            {
                try? await NamespaceCleanup(service: service).reconcile(namespace: namespace)
            }
        case .added, .modified:
            if event.object.isBeingDeleted { await reconcileDeleting(uid: event.object.uid) }
        default:
            break
        }
    }

    /// Full pass: dangling owner references and pending deletions.
    func sweep() async {
        for resource in await store.resourcesInUse {
            for object in await store.list(resource).items {
                for owner in object.ownerUIDs where await store.object(uid: owner) == nil {
                    await ownerGone(uid: owner)
                }
                if object.isBeingDeleted { await reconcileDeleting(uid: object.uid) }
            }
        }
    }

    /// An owner disappeared: dependents with no other live owner are deleted;
    /// the others lose the dangling reference.
    func ownerGone(uid: String) async {
        for dependent in await store.dependents(ofUID: uid) {
            guard let type = service.registry.type(dependent.resource),
                let stored = await store.get(dependent.resource, dependent.key), var object = try? stored.object()
            else { continue }
            var remaining: [JSONValue] = []
            for reference in object["metadata"]?["ownerReferences"]?.arrayValue ?? [] {
                guard let ownerUID = reference["uid"]?.stringValue, ownerUID != uid else { continue }
                if await store.object(uid: ownerUID) != nil { remaining.append(reference) }
            }
            do {
                if remaining.isEmpty {
                    logger.debug("deleting orphaned dependent", metadata: ["k8s.kind": "\(type.kind)", "k8s.name": "\(dependent.key.name)"])
                    _ = try await service.delete(type, key: dependent.key)
                } else {
                    object["metadata"]?["ownerReferences"] = .array(remaining)
                    _ = try await store.update(
                        type.key, dependent.key, object: object, fields: stored.fields,
                        expectedVersion: stored.resourceVersion)
                }
            } catch let error as APIError where error.code == 404 || error.code == 409 {
                continue  // gone already, or changed: the next event or sweep handles it
            } catch {
                logger.warning("garbage collection failed", metadata: ["k8s.name": "\(dependent.key.name)", "error": "\(error)"])
            }
        }
    }

    /// An object being deleted with the foregroundDeletion or orphan finalizer.
    func reconcileDeleting(uid: String) async {
        guard let (resource, stored) = await store.object(uid: uid), let type = service.registry.type(resource),
            let object = try? stored.object(), object["metadata"]?["deletionTimestamp"] != nil
        else { return }
        let finalizers = ObjectService.strings(object["metadata"]?["finalizers"])
        let dependents = await store.dependents(ofUID: uid)
        do {
            if finalizers.contains(ObjectService.orphanFinalizer) {
                for dependent in dependents { await dropOwner(uid, from: dependent) }
                try await service.removeFinalizer(ObjectService.orphanFinalizer, type: type, key: stored.key)
            } else if finalizers.contains(ObjectService.foregroundFinalizer) {
                var blocking = 0
                for dependent in dependents {
                    guard let dependentType = service.registry.type(dependent.resource),
                        let child = await store.get(dependent.resource, dependent.key), let json = try? child.object()
                    else { continue }
                    let reference = json["metadata"]?["ownerReferences"]?.arrayValue?.first { $0["uid"]?.stringValue == uid }
                    if reference?["blockOwnerDeletion"]?.boolValue == true { blocking += 1 }
                    if json["metadata"]?["deletionTimestamp"] == nil {
                        var options = DeleteOptions()
                        options.propagation = .foreground
                        _ = try? await service.delete(dependentType, key: dependent.key, options: options)
                    }
                }
                if blocking == 0 {
                    try await service.removeFinalizer(ObjectService.foregroundFinalizer, type: type, key: stored.key)
                }
            }
            if type.key == NamespaceLifecycle.namespaces {
                try await NamespaceCleanup(service: service).reconcile(namespace: stored.key.name)
            }
        } catch {
            logger.warning("finalizing deletion failed", metadata: ["k8s.name": "\(stored.key.name)", "error": "\(error)"])
        }
    }

    private func dropOwner(_ uid: String, from dependent: ObjectStore.DependentRef) async {
        guard let stored = await store.get(dependent.resource, dependent.key), var object = try? stored.object() else {
            return
        }
        let references = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
        let remaining = references.filter { $0["uid"]?.stringValue != uid }
        object["metadata"]?["ownerReferences"] = remaining.isEmpty ? nil : .array(remaining)
        _ = try? await store.update(
            dependent.resource, dependent.key, object: object, fields: stored.fields, expectedVersion: stored.resourceVersion)
    }
}
