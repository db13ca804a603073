import KubeModel
import Logging

/// What a reconcile asks for next.
public enum ReconcileAction: Sendable, Hashable {
    /// Reconcile again after this delay even if nothing changes.
    case requeue(after: Duration)
    /// Reconcile again only when a watched object changes.
    case awaitChange
}

/// What a reconcile knows besides the object.
public struct ReconcileContext: Sendable {
    /// Carries k8s.kind, k8s.namespace and k8s.name.
    public var logger: Logger
    /// Failed attempts in a row before this one (0 after a success).
    public var failures: Int
}

/// Reconciles one kind, level-triggered: given the object's current state,
/// make the world match it. It must be idempotent; it is never called twice
/// at once for the same object.
public protocol Reconciler: Sendable {
    associatedtype Resource: KubernetesResource
    func reconcile(_ object: Resource, context: ReconcileContext) async throws -> ReconcileAction
}
