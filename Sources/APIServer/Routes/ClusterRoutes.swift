import Hummingbird
import KubeClient
import KubeModel
import NIOCore
import SympoziumAPI

/// Namespaces, pods and pod logs: what a dashboard shows next to runs.
struct ClusterRoutes: Sendable {
    let client: KubeClient
    let settings: RouteSettings
    /// Longest a log request may take.
    static let logTimeout: TimeAmount = .minutes(5)

    func namespaces(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        try JSONResponse.make(try await Api<Namespace>(client).list())
    }

    /// Pods of the namespace; `?instance=` keeps those labelled with that instance (agent and channel pods).
    func pods(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: settings.defaultNamespace)
        var parameters = ListParameters(limit: 500)
        if let instance = try request.objectName("instance") {
            // A label value has at most 63 characters: no pod carries a longer one.
            guard instance.utf8.count <= 63 else { return try JSONResponse.make(ObjectList<Pod>()) }
            parameters.labelSelector = "\(SympoziumLabel.instance)=\(instance)"
        }
        return try JSONResponse.make(try await Api<Pod>(client, namespace: namespace).list(parameters))
    }

    /// A container's log as text: `?container=` (needed when the pod has
    /// several) and `?tailLines=`.
    func logs(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: settings.defaultNamespace)
        let pod = try context.objectName()
        var query: [(name: String, value: String)] = []
        if let container = request.query("container") {
            guard Names.isDNSLabel(container) else {
                throw APIError.badRequest("container \"\(container.prefix(100))\" is not a valid container name")
            }
            query.append(("container", container))
        }
        if let tail = request.query("tailLines") {
            guard let lines = Int(tail), lines >= 0 else { throw APIError.badRequest("tailLines must be a whole number, 0 or more") }
            query.append(("tailLines", String(lines)))
        }
        let path = "/api/v1/namespaces/\(KubeRequest.segment(namespace))/pods/\(KubeRequest.segment(pod))/log"
        let body = try await client.stream(KubeRequest(path: path, query: query), deadline: .now() + Self.logTimeout)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(asyncSequence: body))
    }
}
