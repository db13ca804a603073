import Foundation
import KubeModel
import Logging
import ServiceLifecycle

/// Fills Secrets of type kubernetes.io/service-account-token with a token for
/// their ServiceAccount. The token is bound to the Secret: deleting the Secret
/// (or the ServiceAccount) revokes it.
public struct TokenSecretController: ServiceLifecycle.Service, Sendable {
    static let secrets = ResourceKey(group: "", resource: "secrets")
    static let tokenType = "kubernetes.io/service-account-token"
    static let accountAnnotation = "kubernetes.io/service-account.name"
    static let uidAnnotation = "kubernetes.io/service-account.uid"
    /// Legacy token Secrets do not expire; ten years stands in for "never".
    static let lifetimeSeconds: Int64 = 10 * 365 * 86_400

    let service: ObjectService
    let authenticator: TokenAuthenticator
    let caCertificate: String?
    let logger: Logger

    public func run() async throws {
        let (id, events) = await service.store.watchAll {
            $0.resource == Self.secrets && $0.type != .deleted && $0.object.fields["type"] == Self.tokenType
        }
        for secret in await service.store.list(Self.secrets).items { await reconcile(secret) }
        await withGracefulShutdownHandler {
            for await event in events where event.resource == Self.secrets && event.type != .deleted {
                await reconcile(event.object)
            }
        } onGracefulShutdown: {
            Task { await service.store.stopWatch(id) }
        }
    }

    func reconcile(_ stored: StoredObject) async {
        guard stored.fields["type"] == Self.tokenType, var secret = try? stored.object(),
            secret["data"]?["token"] == nil, secret["metadata"]?["deletionTimestamp"] == nil,
            let accountName = secret["metadata"]?["annotations"]?[Self.accountAnnotation]?.stringValue
        else { return }
        let namespace = stored.key.namespace
        guard let account = await service.store.get(
            TokenAuthenticator.serviceAccounts, ObjectKey(namespace: namespace, name: accountName))
        else {
            logger.debug("token secret waits for its service account", metadata: ["k8s.namespace": "\(namespace)", "k8s.name": "\(stored.key.name)"])
            return
        }
        do {
            let issued = try await authenticator.issue(
                namespace: namespace, serviceAccount: account, expirationSeconds: Self.lifetimeSeconds,
                bound: (Self.secrets, stored))
            var data = secret["data"]?.objectValue ?? [:]
            data["token"] = .string(Data(issued.token.utf8).base64EncodedString())
            data["namespace"] = .string(Data(namespace.utf8).base64EncodedString())
            if let caCertificate { data["ca.crt"] = .string(Data(caCertificate.utf8).base64EncodedString()) }
            secret["data"] = .object(data)
            secret["metadata"]?["annotations"]?[Self.uidAnnotation] = .string(account.uid)
            _ = try await service.store.update(
                Self.secrets, stored.key, object: secret, fields: stored.fields, expectedVersion: stored.resourceVersion)
        } catch {
            logger.warning("cannot fill token secret", metadata: ["k8s.namespace": "\(namespace)", "k8s.name": "\(stored.key.name)", "error": "\(error)"])
        }
    }
}
