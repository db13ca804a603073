import KubeModel
import Logging
import ServiceLifecycle

/// Every active namespace gets a "default" ServiceAccount.
public struct ServiceAccountController: ServiceLifecycle.Service, Sendable {
    let service: ObjectService
    let logger: Logger

    public init(service: ObjectService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    public func run() async throws {
        let (id, events) = await service.store.watchAll {
            $0.resource == NamespaceLifecycle.namespaces || ($0.resource == TokenAuthenticator.serviceAccounts && $0.type == .deleted)
        }
        for namespace in await service.store.list(NamespaceLifecycle.namespaces).items {
            await ensureDefault(in: namespace)
        }
        await withGracefulShutdownHandler {
            for await event in events {
                if event.resource == NamespaceLifecycle.namespaces, event.type != .deleted {
                    await ensureDefault(in: event.object)
                } else if event.resource == TokenAuthenticator.serviceAccounts, event.type == .deleted,
                    event.object.key.name == "default",
                    let namespace = await service.store.get(
                        NamespaceLifecycle.namespaces, ObjectKey(namespace: "", name: event.object.key.namespace))
                {
                    await ensureDefault(in: namespace)
                }
            }
        } onGracefulShutdown: {
            Task { await service.store.stopWatch(id) }
        }
    }

    private func ensureDefault(in namespace: StoredObject) async {
        guard namespace.fields["status.phase"] != "Terminating" else { return }
        do {
            try await Bootstrap.ensure(
                service, ResourceType(ServiceAccount.self), namespace: namespace.key.name,
                ["metadata": ["name": "default", "namespace": .string(namespace.key.name)]])
        } catch {
            logger.debug("default service account not created", metadata: ["k8s.namespace": "\(namespace.key.name)", "error": "\(error)"])
        }
    }
}
