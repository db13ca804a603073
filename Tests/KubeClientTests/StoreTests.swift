import KubeModel
import KubeRuntime
import Testing

@Suite("Reflector store")
struct StoreTests {
    static func object(_ name: String, namespace: String = "a", labels: [String: String] = [:], owner: String? = nil) -> ConfigMap {
        var metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        if let owner {
            metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "parent", uid: owner, controller: true)]
        }
        metadata.managedFields = [["manager": "kubectl"]]
        return ConfigMap(metadata: metadata)
    }

    @Test("indexes by namespace, label and owner follow applies and deletes")
    func indexes() {
        var writer = StoreWriter<ConfigMap>()
        let store = writer.store
        writer.apply(.initStarted)
        writer.apply(.initApply(Self.object("one", labels: ["app": "web", "tier": "front"], owner: "u1")))
        writer.apply(.initApply(Self.object("two", namespace: "b", labels: ["app": "web"])))
        #expect(store.isReady == false)
        #expect(store.count == 0, "nothing is visible before the list completes")
        writer.apply(.initDone)
        #expect(store.isReady)
        #expect(store.count == 2)
        #expect(store.list(namespace: "a").map(\.metadata.name) == ["one"])
        #expect(store.list(labels: ["app": "web"]).count == 2)
        #expect(store.list(labels: ["app": "web", "tier": "front"]).map(\.metadata.name) == ["one"])
        #expect(store.list(labels: ["app": "web"], namespace: "b").map(\.metadata.name) == ["two"])
        #expect(store.owned(by: "u1").map(\.metadata.name) == ["one"])
        #expect(store.get(namespace: "a", name: "one")?.metadata.managedFields.isEmpty == true, "managedFields are not cached")

        writer.apply(.apply(Self.object("one", labels: ["app": "api"])))
        #expect(store.list(labels: ["app": "web"]).map(\.metadata.name) == ["two"])
        #expect(store.list(labels: ["app": "api"]).map(\.metadata.name) == ["one"])
        #expect(store.owned(by: "u1").isEmpty)
        writer.apply(.delete(Self.object("two", namespace: "b")))
        #expect(store.list(namespace: "b").isEmpty)
        #expect(store.count == 1)
    }

    @Test("a relist swaps the whole state at once and drops what vanished")
    func relistSwap() {
        var writer = StoreWriter<ConfigMap>()
        let store = writer.store
        writer.apply(.initStarted)
        for index in 0..<3 { writer.apply(.initApply(Self.object("old\(index)"))) }
        writer.apply(.initDone)
        writer.apply(.initStarted)
        writer.apply(.initApply(Self.object("new")))
        #expect(store.count == 3, "readers keep the old state while the relist is built")
        writer.apply(.initDone)
        #expect(store.list().map(\.metadata.name) == ["new"])
    }

    @Test("waitUntilReady returns after the first list, and on cancellation")
    func waitUntilReady() async {
        var writer = StoreWriter<ConfigMap>()
        let store = writer.store
        let waiter = Task { await store.waitUntilReady() }
        writer.apply(.initStarted)
        writer.apply(.initDone)
        await waiter.value
        let never = Store<ConfigMap>()
        let cancelled = Task { await never.waitUntilReady() }
        cancelled.cancel()
        await cancelled.value
        #expect(never.isReady == false)
    }
}
