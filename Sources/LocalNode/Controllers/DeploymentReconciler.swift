import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging

/// apps/v1 Deployments for the embedded cluster, without ReplicaSets: the
/// Deployment owns its Pods directly, each labelled with the template's
/// pod-template-hash. It keeps `replicas` pods of the current template alive
/// (a pod that ended for good is replaced), rolls out a changed template
/// (new pods first, old ones deleted once the new ones are ready, or all at
/// once with strategy Recreate), and reports replicas, updatedReplicas,
/// readyReplicas, availableReplicas and the Available/Progressing conditions.
struct DeploymentReconciler: Reconciler {
    typealias Resource = Deployment

    let client: KubeClient
    let pods: Store<Pod>

    static let hashLabel = "pod-template-hash"

    func reconcile(_ deployment: Deployment, context: ReconcileContext) async throws -> ReconcileAction {
        guard let uid = deployment.metadata.uid, let name = deployment.metadata.name, deployment.metadata.deletionTimestamp == nil else {
            return .awaitChange
        }
        let namespace = deployment.metadata.namespace ?? "default"
        let podAPI = Api<Pod>(client, namespace: namespace)
        let hash = try Self.templateHash(deployment.spec.template)
        let owned = pods.owned(by: uid).filter { $0.metadata.deletionTimestamp == nil }
        let replicas = Int(deployment.spec.replicas ?? 1)
        let paused = deployment.spec.paused == true

        // Pods that ended for good (e.g. after a node restart) are replaced.
        let ended = owned.filter { $0.status?.phase?.isTerminal ?? false }
        try await delete(ended, api: podAPI)
        let live = owned.filter { !($0.status?.phase?.isTerminal ?? false) }
        let current = live.filter { $0.metadata.labels[Self.hashLabel] == hash }
        let old = live.filter { $0.metadata.labels[Self.hashLabel] != hash }
        let ready = { (pod: Pod) in pod.status?.condition(.ready)?.status == .true }

        if !paused {
            if current.count < replicas {
                let recreate = deployment.spec.strategy?.type == .recreate
                if !(recreate && !old.isEmpty) {
                    for _ in current.count..<replicas { try await createPod(deployment, uid: uid, name: name, hash: hash, api: podAPI) }
                }
            } else if current.count > replicas {
                let surplus = current.sorted { !ready($0) && ready($1) }.prefix(current.count - replicas)
                try await delete(Array(surplus), api: podAPI)
            }
            // Old pods go once the new template's pods are ready (all at once for Recreate).
            if deployment.spec.strategy?.type == .recreate || current.filter(ready).count >= replicas {
                try await delete(old, api: podAPI)
            }
        }

        let readyCount = live.filter(ready).count
        let updatedReady = current.filter(ready).count
        var status = deployment.status ?? DeploymentStatus()
        status.observedGeneration = deployment.metadata.generation
        status.replicas = Int32(live.count)
        status.updatedReplicas = Int32(current.count)
        status.readyReplicas = Int32(readyCount)
        status.availableReplicas = Int32(readyCount)
        status.unavailableReplicas = Int32(max(0, replicas - readyCount))
        let available = readyCount >= replicas
        set(&status, .available, available, reason: available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            message: available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.")
        let complete = updatedReady >= replicas && old.isEmpty
        set(&status, .progressing, true, reason: complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
            message: complete ? "Deployment \"\(name)\" has successfully progressed." : "Deployment \"\(name)\" is progressing.")
        if status != deployment.status {
            var updated = deployment
            updated.status = status
            _ = try await Api<Deployment>(client, namespace: namespace).replaceStatus(updated)
        }
        return complete && available ? .awaitChange : .requeue(after: .seconds(2))
    }

    private func set(_ status: inout DeploymentStatus, _ type: DeploymentConditionType, _ value: Bool, reason: String, message: String) {
        let conditionStatus: ConditionStatus = value ? .true : .false
        if let index = status.conditions.firstIndex(where: { $0.type == type }) {
            guard status.conditions[index].status != conditionStatus || status.conditions[index].reason != reason else { return }
            let transitioned = status.conditions[index].status != conditionStatus
            status.conditions[index].status = conditionStatus
            status.conditions[index].reason = reason
            status.conditions[index].message = message
            status.conditions[index].lastUpdateTime = .now
            if transitioned { status.conditions[index].lastTransitionTime = .now }
        } else {
            status.conditions.append(
                DeploymentCondition(type: type, status: conditionStatus, lastUpdateTime: .now, lastTransitionTime: .now, reason: reason, message: message))
        }
    }

    private func createPod(_ deployment: Deployment, uid: String, name: String, hash: String, api: Api<Pod>) async throws {
        var metadata = deployment.spec.template.metadata
        metadata.name = nil
        metadata.generateName = "\(name)-\(hash)-"
        metadata.namespace = deployment.metadata.namespace
        metadata.labels[Self.hashLabel] = hash
        metadata.ownerReferences = [
            OwnerReference(apiVersion: Deployment.apiVersion, kind: Deployment.kind, name: name, uid: uid, controller: true, blockOwnerDeletion: true)
        ]
        var spec = deployment.spec.template.spec
        spec.restartPolicy = .always
        _ = try await api.create(Pod(metadata: metadata, spec: spec))
    }

    private func delete(_ pods: [Pod], api: Api<Pod>) async throws {
        for pod in pods {
            guard let name = pod.metadata.name else { continue }
            do {
                _ = try await api.delete(name)
            } catch let error as KubeAPIError where error.isNotFound {}
        }
    }

    /// A short stable hash of the pod template (FNV-1a over its canonical JSON).
    static func templateHash(_ template: PodTemplateSpec) throws -> String {
        let data = try JSONValue(encoding: template).canonicalJSON()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var text = ""
        var value = hash
        for _ in 0..<10 {
            text.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return text
    }
}
