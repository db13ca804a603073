import Foundation
import KubeModel

/// A container's environment as Kubernetes builds it: defaults, service
/// variables, envFrom (ConfigMaps, Secrets) then env with $(VAR) expansion.
struct EnvironmentResolver: Sendable {
    let configuration: LocalNodeConfiguration
    let objects: ObjectSource

    func environment(for container: Container, pod: Pod) async throws -> [String: String] {
        let namespace = pod.metadata.namespace ?? "default"
        var environment: [String: String] = [
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOSTNAME": String((pod.metadata.name ?? "pod").prefix(63)),
            "HOME": "/",
            "KUBERNETES_SERVICE_HOST": configuration.apiServerHost,
            "KUBERNETES_SERVICE_PORT": "\(configuration.apiServerPort)",
            "KUBERNETES_SERVICE_PORT_HTTPS": "\(configuration.apiServerPort)",
        ]
        for source in container.envFrom {
            let prefix = source.prefix ?? ""
            if let reference = source.configMapRef {
                let name = reference.name ?? ""
                if let map = try await objects.configMap(namespace: namespace, name: name) {
                    for (key, value) in map.data { environment[prefix + key] = value }
                } else if reference.optional != true {
                    throw NodeError(code: "CreateContainerConfigError", "configmap \"\(name)\" not found")
                }
            }
            if let reference = source.secretRef {
                let name = reference.name ?? ""
                if let data = try await objects.secretData(namespace: namespace, name: name) {
                    for (key, value) in data { environment[prefix + key] = String(decoding: value, as: UTF8.self) }
                } else if reference.optional != true {
                    throw NodeError(code: "CreateContainerConfigError", "secret \"\(name)\" not found")
                }
            }
        }
        for variable in container.env {
            if let value = variable.value {
                environment[variable.name] = Self.expand(value, environment)
            } else if let source = variable.valueFrom {
                if let value = try await resolve(source, container: container, pod: pod) { environment[variable.name] = value }
            } else {
                environment[variable.name] = ""
            }
        }
        return environment
    }

    private func resolve(_ source: EnvVarSource, container: Container, pod: Pod) async throws -> String? {
        let namespace = pod.metadata.namespace ?? "default"
        if let field = source.fieldRef {
            guard let value = DownwardAPI.value(field.fieldPath, pod: pod, nodeName: configuration.nodeName) else {
                throw NodeError(code: "CreateContainerConfigError", "downward API field \(field.fieldPath) is not supported")
            }
            return value
        }
        if let reference = source.configMapKeyRef {
            let name = reference.name ?? ""
            if let value = try await objects.configMap(namespace: namespace, name: name)?.data[reference.key] { return value }
            if reference.optional == true { return nil }
            throw NodeError(code: "CreateContainerConfigError", "couldn't find key \(reference.key) in ConfigMap \(namespace)/\(name)")
        }
        if let reference = source.secretKeyRef {
            let name = reference.name ?? ""
            if let value = try await objects.secretData(namespace: namespace, name: name)?[reference.key] {
                return String(decoding: value, as: UTF8.self)
            }
            if reference.optional == true { return nil }
            throw NodeError(code: "CreateContainerConfigError", "couldn't find key \(reference.key) in Secret \(namespace)/\(name)")
        }
        if let resource = source.resourceFieldRef {
            let limits = container.resources?.limits ?? [:]
            guard let quantity = limits[resource.resource.replacingOccurrences(of: "limits.", with: "")] else { return "0" }
            return "\(quantity.integerValue)"
        }
        return nil
    }

    /// $(VAR) references to variables defined earlier; $$ escapes.
    static func expand(_ value: String, _ environment: [String: String]) -> String {
        guard value.contains("$") else { return value }
        var result = ""
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            let next = value.index(after: index)
            if character == "$", next < value.endIndex {
                if value[next] == "$" {
                    result.append("$")
                    index = value.index(after: next)
                    continue
                }
                if value[next] == "(", let close = value[next...].firstIndex(of: ")") {
                    let name = String(value[value.index(after: next)..<close])
                    if let replacement = environment[name] {
                        result += replacement
                        index = value.index(after: close)
                        continue
                    }
                }
            }
            result.append(character)
            index = next
        }
        return result
    }
}
