import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import Testing

@Suite("Typed errors from Status answers")
struct ApiErrorTests {
    @Test("notFound, alreadyExists, conflict, invalid with causes")
    func writeErrors() async throws {
        try await withCluster { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            let missing = await #expect(throws: KubeAPIError.self) { try await configMaps.get("nope") }
            #expect(missing?.isNotFound == true)
            #expect(missing?.code == 404)

            let first = try await configMaps.create(configMap("dup"))
            let duplicate = await #expect(throws: KubeAPIError.self) { try await configMaps.create(configMap("dup")) }
            #expect(duplicate?.isAlreadyExists == true)
            #expect(duplicate?.isConflict == false)

            _ = try await configMaps.patch("dup", .merge(["data": ["x": "1"]]))
            var stale = first
            stale.data["y"] = "2"
            let conflict = await #expect(throws: KubeAPIError.self) { try await configMaps.replace(stale) }
            #expect(conflict?.isConflict == true)

            let invalid = await #expect(throws: KubeAPIError.self) { try await configMaps.create(configMap("Not_A_Name")) }
            #expect(invalid?.isInvalid == true)
            #expect(invalid?.causes.contains { $0.field == "metadata.name" } == true)
        }
    }

    @Test("unauthorized with a bad token, forbidden without RBAC")
    func authErrors() async throws {
        try await withCluster { cluster, client in
            var configuration = try ClientConfiguration.fromKubeconfig(paths: [cluster.kubeconfig.path])
            configuration.credentials = .token("not-a-token")
            try await withKubeClient(configuration) { stranger in
                let error = await #expect(throws: KubeAPIError.self) { try await Api<ConfigMap>(stranger, namespace: "default").list() }
                #expect(error?.isUnauthorized == true)
            }

            _ = try await Api<ServiceAccount>(client, namespace: "default").create(
                ServiceAccount(metadata: ObjectMeta(name: "robot", namespace: "default")))
            let token = try await requestToken(client, serviceAccount: "robot")
            configuration.credentials = .token(token)
            try await withKubeClient(configuration) { robot in
                let error = await #expect(throws: KubeAPIError.self) { try await Api<Secret>(robot, namespace: "default").list() }
                #expect(error?.isForbidden == true)
                #expect(error?.message.contains("robot") == true)
            }
        }
    }

    @Test("gone: a watch from a compacted resource version")
    func gone() async throws {
        try await withCluster(store: .historyLimit(5)) { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            for index in 0..<1_100 { _ = try await configMaps.create(configMap("c\(index)")) }
            let error = await #expect(throws: KubeAPIError.self) {
                for try await _ in try await configMaps.watch(resourceVersion: "2") {}
            }
            #expect(error?.isGone == true)
        }
    }

    @Test("an unreachable server is a transport error")
    func transport() async throws {
        var configuration = ClientConfiguration(server: URL(string: "http://127.0.0.1:1")!)
        configuration.requestTimeout = .seconds(5)
        try await withKubeClient(configuration) { client in
            let error = await #expect(throws: KubeClientError.self) { try await Api<ConfigMap>(client, namespace: "default").list() }
            #expect(error?.code == .transport)
        }
    }
}

/// Issues a service-account token through the TokenRequest API.
func requestToken(_ client: KubeClient, serviceAccount: String, namespace: String = "default") async throws -> String {
    let body = try JSONEncoder().encode(TokenRequest(spec: TokenRequestSpec(audiences: [])))
    let response = try await client.send(
        KubeRequest(
            method: .POST, path: "/api/v1/namespaces/\(namespace)/serviceaccounts/\(serviceAccount)/token",
            body: Array(body), contentType: "application/json"))
    let issued = try JSONDecoder().decode(TokenRequest.self, from: Data(response.body))
    return try #require(issued.status?.token)
}
