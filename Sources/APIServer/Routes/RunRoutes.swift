import Hummingbird
import KubeClient
import KubeModel
import SympoziumAPI

/// /api/v1/runs: list (optionally of one instance), get, delete, and create
/// from a whole AgentRun or from the short form `{"instance", "task", "model"?}`.
struct RunRoutes: Sendable {
    let resource: ResourceRoutes<AgentRun>
    let starter: RunStarter

    /// Runs whose spec.instanceRef is `?instance=` (the field every run has;
    /// the label is only on runs Sympozium starts itself).
    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: resource.settings.defaultNamespace)
        let instance = try request.objectName("instance")
        var runs = try await Api<AgentRun>(resource.client, namespace: namespace).list()
        if let instance { runs.items.removeAll { $0.spec.instanceRef != instance } }
        return try JSONResponse.make(runs)
    }

    func create(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: resource.settings.maxRequestBodyBytes)
        guard let fields = body.value.objectValue else {
            throw APIError.invalid("the body must be a JSON object: an AgentRun, or {\"instance\": ..., \"task\": ...}")
        }
        if fields["spec"] != nil || fields["kind"] != nil || fields["apiVersion"] != nil {
            var run = try body.decode(as: AgentRun.self, what: AgentRun.kind)
            if run.metadata.name == nil, run.metadata.generateName == nil, !run.spec.instanceRef.isEmpty {
                run.metadata.generateName = "\(run.spec.instanceRef)-run-"
            }
            return try resource.created(try await resource.create(run, request: request, logger: context.logger))
        }
        guard fields["instance"] != nil || fields["task"] != nil else {
            throw APIError.invalid("the body must be an AgentRun, or {\"instance\": ..., \"task\": ..., \"model\": ...}")
        }
        let short = try body.decode(as: RunRequest.self, what: "run request")
        let namespace = try ResourceRoutes<AgentRun>.namespace(
            query: request.explicitNamespace(), body: short.namespace, fallback: resource.settings.defaultNamespace)
        return try resource.created(try await starter.start(short, namespace: namespace, logger: context.logger))
    }
}
