import Foundation
import KubeModel

/// Materialises a pod's volumes on disk before its containers start:
/// emptyDir (Memory ones on a tmpfs), configMap, secret, projected (with
/// bound service-account tokens), downwardAPI, persistentVolumeClaim (a
/// directory kept across pods) and hostPath. Returns each volume's host path.
struct VolumePreparer: Sendable {
    let configuration: LocalNodeConfiguration
    let objects: ObjectSource

    static let serviceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    func prepare(_ pod: Pod, directory: PodDirectory) async throws -> [String: URL] {
        let namespace = pod.metadata.namespace ?? "default"
        // The token request runs while the volumes fill.
        let objects = self.objects
        let tokenTask: Task<String, any Error>? =
            needsServiceAccountMount(pod) ? Task { try await objects.token(for: pod, expirationSeconds: 3600) } : nil
        defer { tokenTask?.cancel() }
        var paths: [String: URL] = [:]
        for volume in pod.spec.volumes {
            guard PodDirectory.safeName(volume.name) else {
                throw NodeError(code: "InvalidVolume", "volume name \"\(volume.name)\" is not a valid file name")
            }
            let target: URL
            if let claim = volume.persistentVolumeClaim {
                guard PodDirectory.safeName(claim.claimName) else {
                    throw NodeError(code: "InvalidVolume", "claim name \"\(claim.claimName)\" is not a valid file name")
                }
                target = directory.claim(namespace: namespace, name: claim.claimName)
                try makeDirectory(target)
            } else if let hostPath = volume.hostPath {
                target = URL(fileURLWithPath: hostPath.path)
            } else if volume.emptyDir?.medium == "Memory" {
                target = directory.memoryVolume(volume.name)
                try makeDirectory(target)
            } else {
                target = directory.volume(volume.name)
                try makeDirectory(target)
                try await fill(volume, in: target, pod: pod)
            }
            paths[volume.name] = target
        }
        if let tokenTask {
            try makeDirectory(directory.serviceAccount)
            let token = try await tokenTask.value
            try write(Data(token.utf8), to: directory.serviceAccount, path: "token", mode: 0o644)
            try write(Data(namespace.utf8), to: directory.serviceAccount, path: "namespace", mode: 0o644)
            if let ca = configuration.caCertificatePEM {
                try write(Data(ca.utf8), to: directory.serviceAccount, path: "ca.crt", mode: 0o644)
            }
        }
        return paths
    }

    /// automountServiceAccountToken (default true) unless a container mounts something there itself.
    func needsServiceAccountMount(_ pod: Pod) -> Bool {
        guard pod.spec.automountServiceAccountToken ?? true else { return false }
        return pod.spec.containers.contains { container in
            !container.volumeMounts.contains { $0.mountPath == Self.serviceAccountPath }
        }
    }

    private func fill(_ volume: Volume, in target: URL, pod: Pod) async throws {
        let namespace = pod.metadata.namespace ?? "default"
        if let source = volume.configMap {
            let name = source.name ?? ""
            guard let data = try await objects.configMapData(namespace: namespace, name: name) else {
                if source.optional == true { return }
                throw NodeError(code: "CreateContainerConfigError", "configmap \"\(name)\" not found")
            }
            try project(data, items: source.items, into: target, mode: source.defaultMode ?? 0o644, optional: source.optional == true)
        } else if let source = volume.secret {
            let name = source.secretName ?? ""
            guard let data = try await objects.secretData(namespace: namespace, name: name) else {
                if source.optional == true { return }
                throw NodeError(code: "CreateContainerConfigError", "secret \"\(name)\" not found")
            }
            try project(data, items: source.items, into: target, mode: source.defaultMode ?? 0o644, optional: source.optional == true)
        } else if let source = volume.downwardAPI {
            try downward(source.items, pod: pod, into: target, mode: source.defaultMode ?? 0o644)
        } else if let source = volume.projected {
            try await projected(source, pod: pod, into: target)
        }
    }

    private func projected(_ source: ProjectedVolumeSource, pod: Pod, into target: URL) async throws {
        let namespace = pod.metadata.namespace ?? "default"
        let mode = source.defaultMode ?? 0o644
        var wroteToken = false
        var wroteCA = false
        for projection in source.sources {
            if let map = projection.configMap {
                let name = map.name ?? ""
                if let data = try await objects.configMapData(namespace: namespace, name: name) {
                    try project(data, items: map.items, into: target, mode: mode, optional: map.optional == true)
                    wroteCA = wroteCA || map.items.contains { $0.path == "ca.crt" } && data["ca.crt"] != nil
                } else if map.optional != true {
                    throw NodeError(code: "CreateContainerConfigError", "configmap \"\(name)\" not found")
                }
            }
            if let secret = projection.secret {
                let name = secret.name ?? ""
                if let data = try await objects.secretData(namespace: namespace, name: name) {
                    try project(data, items: secret.items, into: target, mode: mode, optional: secret.optional == true)
                } else if secret.optional != true {
                    throw NodeError(code: "CreateContainerConfigError", "secret \"\(name)\" not found")
                }
            }
            if let fields = projection.downwardAPI {
                try downward(fields.items, pod: pod, into: target, mode: mode)
            }
            if let token = projection.serviceAccountToken {
                let issued = try await objects.token(for: pod, expirationSeconds: token.expirationSeconds)
                try write(Data(issued.utf8), to: target, path: token.path, mode: 0o644)
                wroteToken = true
            }
        }
        // The embedded cluster publishes no kube-root-ca.crt ConfigMap: the node knows the CA.
        if wroteToken, !wroteCA, let ca = configuration.caCertificatePEM {
            try write(Data(ca.utf8), to: target, path: "ca.crt", mode: 0o644)
        }
    }

    private func project(_ data: [String: Data], items: [KeyToPath], into target: URL, mode: Int32, optional: Bool) throws {
        if items.isEmpty {
            for (key, value) in data { try write(value, to: target, path: key, mode: mode) }
            return
        }
        for item in items {
            guard let value = data[item.key] else {
                if optional { continue }
                throw NodeError(code: "CreateContainerConfigError", "key \"\(item.key)\" not found")
            }
            try write(value, to: target, path: item.path, mode: item.mode ?? mode)
        }
    }

    private func downward(_ items: [DownwardAPIVolumeFile], pod: Pod, into target: URL, mode: Int32) throws {
        for item in items {
            guard let field = item.fieldRef else { continue }
            guard let value = DownwardAPI.value(field.fieldPath, pod: pod, nodeName: configuration.nodeName) else {
                throw NodeError(code: "CreateContainerConfigError", "downward API field \(field.fieldPath) is not supported")
            }
            try write(Data(value.utf8), to: target, path: item.path, mode: item.mode ?? mode)
        }
    }

    /// Writes one file under `target`; refuses absolute paths and "..".
    func write(_ data: Data, to target: URL, path: String, mode: Int32) throws {
        let components = path.split(separator: "/").map(String.init)
        guard !path.hasPrefix("/"), !components.isEmpty, components.allSatisfy(PodDirectory.safeName) else {
            throw NodeError(code: "InvalidVolume", "volume file path \"\(path)\" must be relative without \"..\"")
        }
        let file = components.reduce(target) { $0.appending(path: $1) }
        try makeDirectory(file.deletingLastPathComponent())
        try data.write(to: file, options: .atomic)
        chmod(file.path, mode_t(mode & 0o777))
    }

    func makeDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, 0o755)
    }
}
