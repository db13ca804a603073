import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

@Suite("Api<R> against the embedded API server")
struct ApiVerbTests {
    @Test("create, get, replace, list with pages, delete")
    func crud() async throws {
        try await withCluster { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            let created = try await configMaps.create(configMap("alpha", data: ["k": "v"]))
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.resourceVersion != nil)

            var fetched = try await configMaps.get("alpha")
            #expect(fetched.data["k"] == "v")
            fetched.data["k"] = "w"
            let replaced = try await configMaps.replace(fetched)
            #expect(replaced.data["k"] == "w")

            for index in 0..<7 { _ = try await configMaps.create(configMap("page-\(index)")) }
            let firstPage = try await configMaps.listPage(ListParameters(limit: 3), continueToken: nil)
            #expect(firstPage.items.count == 3)
            #expect(firstPage.metadata.continue?.isEmpty == false)
            let all = try await configMaps.list(ListParameters(limit: 3))
            #expect(all.items.count == 8)
            #expect(Set(all.items.compactMap(\.metadata.name)).count == 8)

            let result = try await configMaps.delete("alpha")
            guard case .deleted = result else {
                Issue.record("expected the ConfigMap to be gone, got \(result)")
                return
            }
            #expect(try await configMaps.getIfExists("alpha") == nil)
        }
    }

    @Test("cluster-scoped kinds and all-namespace lists")
    func scopes() async throws {
        try await withCluster { _, client in
            let namespaces = Api<Namespace>(client)
            _ = try await namespaces.create(Namespace(metadata: ObjectMeta(name: "team-a")))
            #expect(try await namespaces.get("team-a").metadata.name == "team-a")
            _ = try await Api<ConfigMap>(client, namespace: "team-a").create(configMap("one", namespace: "team-a"))
            let everywhere = try await Api<ConfigMap>(client).list()
            #expect(everywhere.items.contains { $0.metadata.namespace == "team-a" && $0.metadata.name == "one" })
            await #expect(throws: KubeClientError.self) { try await Api<ConfigMap>(client).get("one") }
        }
    }

    @Test("merge, JSON, strategic and server-side apply patches")
    func patches() async throws {
        try await withCluster { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            _ = try await configMaps.create(configMap("p", data: ["a": "1"]))

            let merged = try await configMaps.patch("p", .merge(["data": ["b": "2"]]))
            #expect(merged.data == ["a": "1", "b": "2"])

            let jsonPatched = try await configMaps.patch(
                "p", .json([["op": "replace", "path": "/data/a", "value": "10"], ["op": "remove", "path": "/data/b"]]))
            #expect(jsonPatched.data == ["a": "10"])

            let strategic = try await configMaps.patch("p", .strategic(["metadata": ["labels": ["tier": "web"]]]))
            #expect(strategic.metadata.labels["tier"] == "web")

            // The first apply takes data.a over from the updates above (their manager is the user agent).
            let manager = WriteParameters(fieldManager: "tests")
            let applied = try await configMaps.patch(
                "p", try .apply(configMap("p", data: ["a": "applied"]), force: true), parameters: manager)
            #expect(applied.data["a"] == "applied")
            #expect(applied.metadata.managedFields.isEmpty == false)

            // Another manager taking the same field conflicts unless it forces.
            let other = WriteParameters(fieldManager: "intruder")
            await #expect {
                try await configMaps.patch("p", try .apply(configMap("p", data: ["a": "mine"])), parameters: other)
            } throws: { error in
                (error as? KubeAPIError)?.isConflict == true
            }
            let forced = try await configMaps.patch("p", try .apply(configMap("p", data: ["a": "mine"]), force: true), parameters: other)
            #expect(forced.data["a"] == "mine")

            await #expect(throws: KubeClientError.self) {
                try await configMaps.patch("p", try .apply(configMap("p")), parameters: WriteParameters())
            }
        }
    }

    @Test("an Api that skips managedFields decodes objects without them; its updates keep the server's")
    func skippingManagedFields() async throws {
        try await withCluster { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            let manager = WriteParameters(fieldManager: "owner")
            _ = try await configMaps.patch("m", try .apply(configMap("m", data: ["a": "1"]), force: true), parameters: manager)
            let lean = configMaps.skippingManagedFields()
            #expect(!lean.decodesManagedFields && configMaps.decodesManagedFields)
            var fetched = try await lean.get("m")
            #expect(fetched.metadata.managedFields.isEmpty)
            #expect(try await lean.list().items.allSatisfy { $0.metadata.managedFields.isEmpty })
            var events = try await lean.watch(ListParameters(timeoutSeconds: 1), resourceVersion: nil, bookmarks: false).makeAsyncIterator()
            guard case .added(let watched)? = try await events.next() else {
                Issue.record("expected the ConfigMap as the watch's first event")
                return
            }
            #expect(watched.metadata.managedFields.isEmpty)
            while try await events.next() != nil {}  // the server ends the watch after a second

            // A replace sent without managedFields leaves the server's entries in place.
            fetched.data["b"] = "2"
            _ = try await lean.replace(fetched)
            let full = try await configMaps.get("m")
            #expect(full.data == ["a": "1", "b": "2"])
            #expect(full.metadata.managedFields.contains { $0["manager"] == "owner" })
        }
    }

    @Test("delete with propagation policy and preconditions")
    func deleteOptions() async throws {
        try await withCluster { _, client in
            let configMaps = Api<ConfigMap>(client, namespace: "default")
            let created = try await configMaps.create(configMap("guarded"))
            await #expect {
                try await configMaps.delete("guarded", parameters: DeleteParameters(preconditionUID: "not-the-uid"))
            } throws: { error in
                (error as? KubeAPIError)?.isConflict == true
            }
            _ = try await configMaps.patch("guarded", .merge(["metadata": ["finalizers": ["example.com/hold"]]]))
            let pending = try await configMaps.delete(
                "guarded", parameters: DeleteParameters(propagationPolicy: .foreground, preconditionUID: created.metadata.uid))
            guard case .pending(let object) = pending else {
                Issue.record("a finalizer should keep the object")
                return
            }
            #expect(object.metadata.deletionTimestamp != nil)
            _ = try await configMaps.patch("guarded", .json([["op": "remove", "path": "/metadata/finalizers"]]))
            try await eventually("the ConfigMap to go") { try await configMaps.getIfExists("guarded") == nil }

            let dryRun = try await configMaps.create(configMap("dry"), parameters: WriteParameters(dryRun: true))
            #expect(dryRun.metadata.name == "dry")
            #expect(try await configMaps.getIfExists("dry") == nil)
        }
    }

    @Test("status subresource of a custom resource")
    func statusSubresource() async throws {
        try await withCluster { _, client in
            try await installSympoziumCRDs(client)
            let runs = Api<AgentRun>(client, namespace: "default")
            let run = sampleRun("r1")
            let created = try await runs.create(run)
            #expect(created.status == nil)

            var withStatus = created
            withStatus.status = AgentRunStatus(phase: .running)
            withStatus.spec.task = "ignored by the status endpoint"
            let updated = try await runs.replaceStatus(withStatus)
            #expect(updated.status?.phase == .running)
            #expect(updated.spec.task == "say hi")

            let patched = try await runs.patchStatus("r1", .merge(["status": ["phase": "Succeeded"]]))
            #expect(patched.status?.phase == .succeeded)
            #expect(try await runs.getStatus("r1").status?.phase == .succeeded)
        }
    }
}

/// Installs the Sympozium CRDs with the dynamic client, as `sympozium install` does.
func installSympoziumCRDs(_ client: KubeClient) async throws {
    let crds = try SympoziumKinds.customResourceDefinitions.map { try JSONValue(encoding: $0) }
    try await ManifestApplier(client: client, fieldManager: "sympozium-tests").apply(crds)
    let discovery = Discovery(client: client)
    try await eventually("the CRDs to be served") {
        (try? await discovery.resource(for: AgentRun.groupVersionKind)) != nil
    }
}

/// A minimal valid AgentRun.
func sampleRun(_ name: String, namespace: String = "default") -> AgentRun {
    AgentRun(
        metadata: ObjectMeta(name: name, namespace: namespace),
        spec: AgentRunSpec(
            instanceRef: "inst", agentId: "default", task: "say hi",
            model: ModelSpec(provider: "openai", model: "gpt-4o", authSecretRef: "inst-openai"), sessionKey: "s-\(name)"))
}
