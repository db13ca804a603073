import Hummingbird
import KubeClient
import KubeModel
import Logging
import SympoziumAPI

/// list / get / create / delete of one Sympozium kind under /api/v1/<path>,
/// in the namespace of `?namespace=` (else the configured default).
struct ResourceRoutes<R: CustomResource>: Sendable {
    /// The collection's path segment: "instances", "runs"...
    let path: String
    let client: KubeClient
    let settings: RouteSettings

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: settings.defaultNamespace)
        return try JSONResponse.make(try await Api<R>(client, namespace: namespace).list())
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: settings.defaultNamespace)
        return try JSONResponse.make(try await Api<R>(client, namespace: namespace).get(try context.objectName()))
    }

    func create(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: settings.maxRequestBodyBytes)
        let object = try body.decode(as: R.self, what: R.kind)
        return try created(try await create(object, request: request, logger: context.logger))
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let namespace = try request.namespace(default: settings.defaultNamespace)
        let name = try context.objectName()
        let result = try await Api<R>(client, namespace: namespace).delete(name)
        let pending: Bool
        switch result {
        case .pending: pending = true
        case .deleted: pending = false
        }
        context.logger.info(
            "deleted", metadata: ["k8s.kind": "\(R.kind)", "k8s.namespace": "\(namespace)", "k8s.name": "\(name)", "pending": "\(pending)"])
        return try JSONResponse.make(
            DeletionAnswer(kind: R.kind, namespace: namespace, name: name, status: pending ? "Pending" : "Deleted"),
            status: pending ? .accepted : .ok)
    }

    /// Creates `object` in the request's namespace after validating it as
    /// the API server would (schema defaults, schema and semantic checks).
    func create(_ object: R, request: Request, logger: Logger) async throws -> R {
        var object = object
        object.metadata.namespace = try Self.namespace(
            query: request.explicitNamespace(), body: object.metadata.namespace, fallback: settings.defaultNamespace)
        try Self.validate(object)
        let created = try await Api<R>(client, namespace: object.metadata.namespace).create(object)
        logger.info(
            "created",
            metadata: [
                "k8s.kind": "\(R.kind)", "k8s.namespace": "\(created.metadata.namespace ?? "")", "k8s.name": "\(created.metadata.name ?? "")",
            ])
        return created
    }

    /// 201 with the object and its Location.
    func created(_ object: R) throws -> Response {
        let location = "/api/v1/\(path)/\(object.metadata.name ?? "")?namespace=\(object.metadata.namespace ?? settings.defaultNamespace)"
        return try JSONResponse.make(object, status: .created, headers: [.location: location])
    }

    /// The query's namespace, else the body's, else the default; the two may not disagree.
    static func namespace(query: String?, body: String?, fallback: String) throws -> String {
        let body = body.flatMap { $0.isEmpty ? nil : $0 }
        if let query, let body, query != body {
            throw APIError.badRequest("the body's metadata.namespace \"\(body.prefix(100))\" differs from ?namespace=\(query)")
        }
        guard let namespace = query ?? body else { return fallback }
        guard Names.isDNSLabel(namespace) else {
            throw APIError.badRequest("namespace \"\(namespace.prefix(100))\" is not a valid namespace name")
        }
        return namespace
    }

    static func validate(_ object: R) throws {
        let errors = try object.defaulted().validate()
        guard errors.isEmpty else {
            throw FieldErrors(kind: R.kind, name: object.metadata.name ?? object.metadata.generateName ?? "", errors: errors)
        }
    }
}
