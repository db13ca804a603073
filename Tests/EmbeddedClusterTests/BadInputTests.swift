import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeModel
import Testing

/// Bad input gets the right Status code and stores nothing.
@Suite("Bad input", .serialized)
struct BadInputTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    func reason(_ reply: TestHTTP.Reply) throws -> String {
        try reply.json()["reason"] as? String ?? ""
    }

    @Test func malformedBodiesAreRejected() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let http = cluster.http
        let configMaps = ResourceKey(group: "", resource: "configmaps")

        let badJSON = try await http.send("POST", Self.configMaps, text: #"{"metadata": {"name": "x"}"#)
        #expect(badJSON.status == 400)
        #expect(try reason(badJSON) == "BadRequest")

        let badYAML = try await http.send("POST", Self.configMaps, text: "metadata: {name: [", contentType: "application/yaml")
        #expect(badYAML.status == 400)

        let huge = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + String(repeating: "x", count: 3 * 1024 * 1024 + 10) + "\"}}"
        let tooLarge = try await http.send("POST", Self.configMaps, text: huge)
        #expect(tooLarge.status == 413)

        let badName = try await http.send("POST", Self.configMaps, text: #"{"metadata":{"name":"Not_Valid"}}"#)
        #expect(badName.status == 422)
        #expect(try reason(badName) == "Invalid")

        let wrongType = try await http.send("POST", Self.configMaps, text: #"{"metadata":{"name":"typed"},"data":{"k":5}}"#)
        #expect(wrongType.status == 400)

        let protobuf = try await http.send("POST", Self.configMaps, text: "x", contentType: "application/vnd.kubernetes.protobuf")
        #expect(protobuf.status == 400, "a protobuf body without the k8s envelope")
        let unknownType = try await http.send("POST", Self.configMaps, text: "x", contentType: "application/x-unknown")
        #expect(unknownType.status == 415)

        #expect(await cluster.server.store.count(configMaps) == 0, "nothing was stored")
    }

    @Test func conflictsAndMissingObjects() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let http = cluster.http
        let created = try await http.send("POST", Self.configMaps, text: #"{"metadata":{"name":"cc"},"data":{"a":"1"}}"#)
        #expect(created.status == 201)
        let duplicate = try await http.send("POST", Self.configMaps, text: #"{"metadata":{"name":"cc"}}"#)
        #expect(duplicate.status == 409)
        #expect(try reason(duplicate) == "AlreadyExists")
        let stale = try await http.send(
            "PUT", Self.configMaps + "/cc", text: #"{"metadata":{"name":"cc","resourceVersion":"1"},"data":{"a":"2"}}"#)
        #expect(stale.status == 409)
        #expect(try reason(stale) == "Conflict")
        let missing = try await http.send("GET", Self.configMaps + "/nope")
        #expect(missing.status == 404)
        #expect(try reason(missing) == "NotFound")
        let noNamespace = try await http.send("POST", "/api/v1/namespaces/ghost/configmaps", text: #"{"metadata":{"name":"x"}}"#)
        #expect(noNamespace.status == 404)
        let unauthenticated = try await TestHTTP(base: http.base, token: "wrong").send("GET", Self.configMaps)
        #expect(unauthenticated.status == 401)
    }

    @Test func schemaViolationsOfCustomResources() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let crd = try String(contentsOf: KubectlTests.packageRoot.appending(path: "config/crd/bases/sympozium.ai_sympoziumschedules.yaml"), encoding: .utf8)
        let created = try await cluster.http.send(
            "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", text: crd, contentType: "application/yaml")
        #expect(created.status == 201, "\(created.text)")
        var established = false
        for _ in 0..<50 where !established {
            established = cluster.server.registry.type(ResourceKey(group: "sympozium.ai", resource: "sympoziumschedules")) != nil
            if !established { try await Task.sleep(for: .milliseconds(50)) }
        }
        let path = "/apis/sympozium.ai/v1alpha1/namespaces/default/sympoziumschedules"
        let invalid = try await cluster.http.send(
            "POST", path, text: #"{"apiVersion":"sympozium.ai/v1alpha1","kind":"SympoziumSchedule","metadata":{"name":"s"},"spec":{"instanceRef":"a","schedule":"* * * * *","task":"t","type":"bogus"}}"#)
        #expect(invalid.status == 422, "\(invalid.text)")
        let missing = try await cluster.http.send(
            "POST", path, text: #"{"apiVersion":"sympozium.ai/v1alpha1","kind":"SympoziumSchedule","metadata":{"name":"s"},"spec":{"task":"t"}}"#)
        #expect(missing.status == 422)
        let valid = try await cluster.http.send(
            "POST", path, text: #"{"apiVersion":"sympozium.ai/v1alpha1","kind":"SympoziumSchedule","metadata":{"name":"s"},"spec":{"instanceRef":"a","schedule":"* * * * *","task":"t","unknown":1}}"#)
        #expect(valid.status == 201)
        let stored = try valid.json()["spec"] as? [String: Any]
        #expect(stored?["unknown"] == nil, "unknown fields are pruned")
        #expect(stored?["concurrencyPolicy"] as? String == "Forbid", "defaults are applied")
    }

    @Test func watchFromAnExpiredVersionIsGone() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-gone-\(UUID().uuidString)")
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: 0)
        configuration.tls = false
        configuration.store.historyLimit = 10
        let server = try await EmbeddedAPIServer.open(configuration)
        defer { try? FileManager.default.removeItem(at: directory) }
        let type = try #require(server.registry.type(ResourceKey(group: "", resource: "configmaps")))
        for index in 0..<1_020 {
            _ = try await server.service.create(type, namespace: "default", body: ["metadata": ["name": .string("c\(index)")]])
        }
        await #expect(throws: APIError.self) {
            _ = try await server.store.watch(type.key, namespace: nil, from: 2) { _ in true }
        }
        let recent = await server.store.resourceVersion - 3
        let (_, events) = try await server.store.watch(type.key, namespace: nil, from: recent) { _ in true }
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next()?.resourceVersion == recent + 1)
    }
}
