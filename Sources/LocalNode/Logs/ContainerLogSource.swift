import EmbeddedCluster
import Foundation
import Hummingbird

/// Serves pods/log from the node's per-container log files (one line per
/// output line, prefixed by its RFC 3339 timestamp): container, follow,
/// tailLines, sinceSeconds, timestamps and previous.
public struct ContainerLogSource: PodLogSource {
    let registry: PodRegistry
    let configuration: LocalNodeConfiguration

    public func logs(namespace: String, pod: String, options: PodLogOptions) async throws -> Response {
        do {
            return try response(namespace: namespace, pod: pod, options: options)
        } catch let error as LogError {
            return error.response
        }
    }

    func response(namespace: String, pod: String, options: PodLogOptions) throws -> Response {
        guard let entry = registry.entry(namespace: namespace, name: pod) else {
            throw LogError(status: .badRequest, message: "pod \(pod) has no logs: it has not started on this node")
        }
        let containers = (entry.status?.initContainerStatuses ?? []) + (entry.status?.containerStatuses ?? [])
        let container: String
        if let requested = options.container {
            container = requested
        } else if let only = entry.status?.containerStatuses.count == 1 ? entry.status?.containerStatuses.first?.name : nil {
            container = only
        } else {
            let names = entry.status?.containerStatuses.map(\.name).joined(separator: " ") ?? ""
            throw LogError(status: .badRequest, message: "a container name must be specified for pod \(pod), choose one of: [\(names)]")
        }
        guard PodDirectory.safeName(container), containers.contains(where: { $0.name == container }) else {
            throw LogError(status: .badRequest, message: "container \(container) is not valid for pod \(pod)")
        }
        let files = LogFiles(directory: entry.directory.logDirectory(container))
        guard let file = options.previous ? files.previous() : files.current() else {
            if options.previous {
                throw LogError(status: .badRequest, message: "previous terminated container \"\(container)\" in pod \"\(pod)\" not found")
            }
            throw LogError(status: .badRequest, message: "container \"\(container)\" in pod \"\(pod)\" is waiting to start")
        }
        let reader = LogReader(
            file: file, timestamps: options.timestamps, tailLines: options.tailLines,
            since: options.sinceSeconds.map { LogTimestamp.secondsAgo($0) })
        var headers = HTTPFields()
        headers[.contentType] = "text/plain"
        guard options.follow && !options.previous else {
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reader.readAll())))
        }
        let registry = self.registry
        let uid = entry.uid
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var follower = reader.follower()
                while true {
                    let chunk = follower.next()
                    if !chunk.isEmpty { try await writer.write(ByteBuffer(bytes: chunk)) }
                    if chunk.isEmpty {
                        guard registry.isActive(uid: uid, container: container), files.current() == file else {
                            let rest = follower.next()
                            if !rest.isEmpty { try await writer.write(ByteBuffer(bytes: rest)) }
                            break
                        }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                try await writer.finish(nil)
            })
    }
}

/// A log request the node cannot answer, as a Kubernetes Status.
struct LogError: Error {
    var status: HTTPResponse.Status
    var message: String

    var response: Response {
        let body = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":\(Self.quote(message)),"reason":"BadRequest","code":\(status.code)}
            """
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func quote(_ text: String) -> String {
        (try? String(decoding: JSONEncoder().encode(text), as: UTF8.self)) ?? "\"\""
    }
}
