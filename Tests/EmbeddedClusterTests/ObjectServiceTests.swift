import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeModel
import Testing

/// Object lifecycle rules, in process.
@Suite("Object lifecycle semantics")
struct ObjectServiceTests {
    func withServer(_ body: (EmbeddedAPIServer) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-svc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0)
        configuration.tls = false
        try await body(try await EmbeddedAPIServer.open(configuration))
    }

    func type(_ server: EmbeddedAPIServer, _ group: String, _ resource: String) throws -> ResourceType {
        try #require(server.registry.type(ResourceKey(group: group, resource: resource)))
    }

    @Test func createFillsServerMetadata() async throws {
        try await withServer { server in
            let configMaps = try type(server, "", "configmaps")
            let created = try await server.service.create(
                configMaps, namespace: "default", body: ["metadata": ["generateName": "cfg-"]])
            let object = try created.object()
            #expect(created.key.name.hasPrefix("cfg-") && created.key.name.count == 9)
            #expect(object["metadata"]?["uid"]?.stringValue?.count == 36)
            #expect(object["metadata"]?["resourceVersion"]?.stringValue == String(created.resourceVersion))
            #expect(object["metadata"]?["creationTimestamp"] != nil)
            #expect(object["apiVersion"] == "v1" && object["kind"] == "ConfigMap")
        }
    }

    @Test func generationMovesOnlyWithSpecAndStatusOnlyThroughSubresource() async throws {
        try await withServer { server in
            let deployments = try type(server, "apps", "deployments")
            let body: JSONValue = [
                "metadata": ["name": "web"],
                "spec": [
                    "selector": ["matchLabels": ["app": "web"]],
                    "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx"]]]],
                ],
            ]
            let created = try await server.service.create(deployments, namespace: "default", body: body)
            let key = created.key
            var object = try created.object()
            object["metadata"]?["labels"] = ["touched": "yes"]
            object["status"] = ["replicas": 5]
            let relabelled = try await server.service.update(deployments, key: key, body: object).object()
            #expect(relabelled["metadata"]?["generation"] == 1, "metadata changes keep the generation")
            #expect(relabelled["status"]?["replicas"] == nil, "the main resource ignores status")
            object = relabelled
            object["spec"]?["replicas"] = 4
            let scaled = try await server.service.update(deployments, key: key, body: object).object()
            #expect(scaled["metadata"]?["generation"] == 2)
            var status = scaled
            status["status"] = ["replicas": 4, "readyReplicas": 4]
            status["spec"]?["replicas"] = 9
            let reported = try await server.service.update(deployments, key: key, body: status, subresource: "status").object()
            #expect(reported["status"]?["readyReplicas"] == 4)
            #expect(reported["spec"]?["replicas"] == 4, "status updates leave the spec alone")
            #expect(reported["metadata"]?["generation"] == 2)
        }
    }

    @Test func finalizersDeferDeletion() async throws {
        try await withServer { server in
            let configMaps = try type(server, "", "configmaps")
            let created = try await server.service.create(
                configMaps, namespace: "default", body: ["metadata": ["name": "held", "finalizers": ["example.com/x"]]])
            let marked = try await server.service.delete(configMaps, key: created.key)
            #expect(try marked.object()["metadata"]?["deletionTimestamp"] != nil)
            #expect(await server.store.get(configMaps.key, created.key) != nil)
            try await server.service.removeFinalizer("example.com/x", type: configMaps, key: created.key)
            #expect(await server.store.get(configMaps.key, created.key) == nil)
        }
    }

    @Test func namespacesRefuseContentWhileTerminatingAndMissing() async throws {
        try await withServer { server in
            let configMaps = try type(server, "", "configmaps")
            await #expect(throws: APIError.self) {
                _ = try await server.service.create(configMaps, namespace: "nowhere", body: ["metadata": ["name": "x"]])
            }
        }
    }

    /// A watch started after shutdown began would hold the HTTP server's
    /// graceful shutdown open until the watch's own timeout.
    @Test func watchesAreRefusedOnceStopped() async throws {
        try await withServer { server in
            let configMaps = ResourceKey(group: "", resource: "configmaps")
            let (_, open) = try await server.store.watch(configMaps, namespace: nil, from: nil) { _ in true }
            await server.store.stopAllWatches()
            var events = 0
            for await _ in open { events += 1 }
            #expect(events == 0, "an open watch ends at shutdown")
            await #expect(throws: APIError.self) {
                _ = try await server.store.watch(configMaps, namespace: nil, from: nil) { _ in true }
            }
            do {
                _ = try await server.store.watch(configMaps, namespace: "default", from: nil) { _ in true }
                Issue.record("a watch after shutdown is refused")
            } catch let error as APIError {
                #expect(error.code == 503 && error.status.reason == .serviceUnavailable)
            }
            let (_, late) = await server.store.watchAll()
            for await _ in late { Issue.record("a watch after shutdown delivers nothing") }
        }
    }

    @Test func unchangedUpdatesDoNotWrite() async throws {
        try await withServer { server in
            let configMaps = try type(server, "", "configmaps")
            let created = try await server.service.create(configMaps, namespace: "default", body: ["metadata": ["name": "same"], "data": ["a": "1"]])
            let again = try await server.service.update(configMaps, key: created.key, body: try created.object())
            #expect(again.resourceVersion == created.resourceVersion)
        }
    }
}

@Suite("Service account tokens")
struct ServiceAccountTokenTests {
    @Test func tokenSecretsWorkUntilDeleted() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let http = cluster.http
        #expect(try await http.send("POST", "/api/v1/namespaces/default/serviceaccounts", text: #"{"metadata":{"name":"robot"}}"#).status == 201)
        let created = try await http.send(
            "POST", "/api/v1/namespaces/default/secrets",
            text: #"{"metadata":{"name":"robot-token","annotations":{"kubernetes.io/service-account.name":"robot"}},"type":"kubernetes.io/service-account-token"}"#)
        #expect(created.status == 201)
        var token = ""
        for _ in 0..<50 where token.isEmpty {
            let secret = try await http.send("GET", "/api/v1/namespaces/default/secrets/robot-token").json()
            if let encoded = (secret["data"] as? [String: Any])?["token"] as? String, let data = Data(base64Encoded: encoded) {
                token = String(decoding: data, as: UTF8.self)
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        #expect(!token.isEmpty, "the controller fills the token")
        let robot = TestHTTP(base: http.base, token: token)
        #expect(try await robot.send("GET", "/api/v1/namespaces/default/pods").status == 403, "authenticated, not authorized")
        #expect(try await http.send("DELETE", "/api/v1/namespaces/default/secrets/robot-token").status == 200)
        #expect(try await robot.send("GET", "/api/v1/namespaces/default/pods").status == 401, "deleting the secret revokes the token")
    }
}
