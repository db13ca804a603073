import EventBus
import Hummingbird
import HummingbirdWebSocket
import KubeClient
import Logging
import SympoziumAPI

/// The routers of the API: the HTTP router (JSON errors, bearer auth, the
/// REST routes and health probes) and the WebSocket upgrade router.
struct APIRoutes: Sendable {
    let configuration: APIServerConfiguration
    let client: KubeClient
    let eventBus: (any EventBus)?

    var settings: RouteSettings { RouteSettings(configuration) }

    func httpRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        router.add(middleware: BearerAuthMiddleware(token: configuration.token))
        let health = HealthRoutes(client: client)
        router.get("/healthz") { try health.healthz($0, $1) }
        router.get("/readyz") { try await health.readyz($0, $1) }

        let api = router.group("/api/v1")
        let instances = ResourceRoutes<SympoziumInstance>(path: "instances", client: client, settings: settings)
        api.get("instances") { try await instances.list($0, $1) }
        api.post("instances") { try await instances.create($0, $1) }
        api.get("instances/:name") { try await instances.get($0, $1) }
        api.delete("instances/:name") { try await instances.delete($0, $1) }

        let runResources = ResourceRoutes<AgentRun>(path: "runs", client: client, settings: settings)
        let runs = RunRoutes(resource: runResources, starter: RunStarter(client: client))
        api.get("runs") { try await runs.list($0, $1) }
        api.post("runs") { try await runs.create($0, $1) }
        api.get("runs/:name") { try await runResources.get($0, $1) }
        api.delete("runs/:name") { try await runResources.delete($0, $1) }

        let policies = ResourceRoutes<SympoziumPolicy>(path: "policies", client: client, settings: settings)
        api.get("policies") { try await policies.list($0, $1) }
        api.get("policies/:name") { try await policies.get($0, $1) }

        let skills = ResourceRoutes<SkillPack>(path: "skills", client: client, settings: settings)
        api.get("skills") { try await skills.list($0, $1) }
        api.get("skills/:name") { try await skills.get($0, $1) }

        let schedules = ResourceRoutes<SympoziumSchedule>(path: "schedules", client: client, settings: settings)
        api.get("schedules") { try await schedules.list($0, $1) }
        api.post("schedules") { try await schedules.create($0, $1) }
        api.get("schedules/:name") { try await schedules.get($0, $1) }
        api.delete("schedules/:name") { try await schedules.delete($0, $1) }

        let cluster = ClusterRoutes(client: client, settings: settings)
        api.get("namespaces") { try await cluster.namespaces($0, $1) }
        api.get("pods") { try await cluster.pods($0, $1) }
        api.get("pods/:name/logs") { try await cluster.logs($0, $1) }

        // A plain GET of the stream (no upgrade, or one refused): say why.
        let eventBus = self.eventBus
        let settings = self.settings
        router.get("/ws/stream") { request, _ -> Response in
            _ = try StreamFilter(request)
            _ = try request.namespace(default: settings.defaultNamespace)
            guard eventBus != nil else { throw Self.noEventBus }
            throw APIError(.upgradeRequired, code: APIError.Code.upgradeRequired, "/ws/stream is a WebSocket: connect with a WebSocket client")
        }
        return router
    }

    /// Upgrades authorized, well-formed /ws/stream requests; anything else
    /// falls through to the HTTP router, which answers with the reason.
    func webSocketRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        let token = configuration.token
        let settings = self.settings
        guard let eventBus else { return router }
        let stream = EventStream(bus: eventBus, starter: RunStarter(client: client), settings: settings)
        router.ws(
            "/ws/stream",
            shouldUpgrade: { request, _ in
                guard BearerAuthMiddleware.isAllowed(request, token: token), (try? StreamFilter(request)) != nil,
                    (try? request.namespace(default: settings.defaultNamespace)) != nil
                else { return .dontUpgrade }
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                try await stream.serve(inbound, outbound, request: context.request, logger: context.logger)
            })
        return router
    }

    static let noEventBus = APIError(
        .serviceUnavailable, code: APIError.Code.eventBusUnavailable,
        "this API server has no event bus (start it with --event-bus-url)")
}
