import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Synchronization
import Testing

@Suite("Watcher and reflector store against the embedded API server")
struct WatcherTests {
    /// Counts the watcher's (re)lists while it fills a store.
    final class Reflection: Sendable {
        let writer = StoreWriter<ConfigMap>()
        let lists = Atomic<Int>(0)
        var store: Store<ConfigMap> { writer.store }

        func run(_ api: Api<ConfigMap>, pageSize: Int = 500) -> Task<Void, Never> {
            var configuration = WatcherConfiguration()
            configuration.pageSize = pageSize
            configuration.backoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(500))
            let events = Watcher(api, configuration: configuration).reflect(into: writer)
            return Task {
                do {
                    for try await event in events {
                        if case .initStarted = event { lists.add(1, ordering: .relaxed) }
                    }
                } catch {}
            }
        }
    }

    static func serverState(_ api: Api<ConfigMap>) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await api.list().items.map { ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "") })
    }

    static func storeState(_ store: Store<ConfigMap>) -> [String: String] {
        Dictionary(uniqueKeysWithValues: store.list().map { ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "") })
    }

    /// Writes through the API server's own object service while nothing is serving.
    static func writeInProcess(_ server: EmbeddedAPIServer, _ changes: @Sendable (ResourceType) async throws -> Void) async throws {
        let type = try #require(server.registry.type(group: "", version: "v1", resource: "configmaps"))
        try await changes(type)
    }

    @Test("1,000 changes across a server restart and a 410: the store converges to the server's state")
    func restartAndGone() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-watch-\(UUID().uuidString)")
        var storeConfiguration = ObjectStore.Configuration()
        storeConfiguration.historyLimit = 10
        let first = try await TestCluster.start(directory: directory, store: storeConfiguration)
        let port = first.port
        let client = try first.client()
        let api = Api<ConfigMap>(client, namespace: "default")
        let reflection = Reflection()
        let watcher = reflection.run(api, pageSize: 50)
        await reflection.store.waitUntilReady()

        // 400 changes while watching: 200 creates, 100 updates, 100 deletes.
        for index in 0..<200 { _ = try await api.create(configMap("c\(index)", data: ["v": "0"])) }
        for index in 0..<100 { _ = try await api.patch("c\(index)", .merge(["data": ["v": "1"]])) }
        for index in 100..<200 { try await api.delete("c\(index)") }
        try await eventually("the store to follow the first 400 changes") {
            try await Self.storeState(reflection.store) == Self.serverState(api)
        }
        #expect(reflection.lists.load(ordering: .relaxed) == 1)

        // The server goes away; 600 more changes happen before it serves again,
        // enough to compact the history past the watcher's version (410 Gone).
        await first.stop()
        let second = try await TestCluster.start(directory: directory, port: port, store: storeConfiguration) { server in
            try await Self.writeInProcess(server) { type in
                for index in 0..<100 {
                    let key = ObjectKey(namespace: "default", name: "c\(index)")
                    _ = try await server.service.patch(
                        type, key: key, patch: Data(#"{"data":{"v":"2"}}"#.utf8), contentType: "application/merge-patch+json")
                }
                for index in 0..<400 {
                    let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("d\(index)")]]
                    _ = try await server.service.create(type, namespace: "default", body: body)
                }
                for index in 0..<100 {
                    _ = try await server.service.delete(type, key: ObjectKey(namespace: "default", name: "d\(index)"))
                }
            }
        }
        try await eventually(timeout: .seconds(30), "the store to converge after the restart") {
            try await Self.storeState(reflection.store) == Self.serverState(api)
        }
        let final = Self.storeState(reflection.store)
        #expect(final.count == 100 + 300)
        #expect(reflection.lists.load(ordering: .relaxed) == 2, "one relist after 410 Gone")
        #expect(reflection.store.get(namespace: "default", name: "c5")?.data["v"] == "2")
        #expect(reflection.store.get(namespace: "default", name: "d5") == nil)

        watcher.cancel()
        _ = await watcher.value
        try await client.shutdown()
        await second.stopAndRemove()
    }

    @Test("a dropped stream resumes from the last version without relisting")
    func resumeWithoutRelist() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-watch-\(UUID().uuidString)")
        let first = try await TestCluster.start(directory: directory)
        let port = first.port
        let client = try first.client()
        let api = Api<ConfigMap>(client, namespace: "default")
        for index in 0..<5 { _ = try await api.create(configMap("keep\(index)")) }
        let reflection = Reflection()
        let watcher = reflection.run(api, pageSize: 2)
        await reflection.store.waitUntilReady()
        #expect(reflection.store.count == 5)

        await first.stop()
        let second = try await TestCluster.start(directory: directory, port: port) { server in
            try await Self.writeInProcess(server) { type in
                _ = try await server.service.delete(type, key: ObjectKey(namespace: "default", name: "keep0"))
                let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "while-down"]]
                _ = try await server.service.create(type, namespace: "default", body: body)
            }
        }
        try await eventually(timeout: .seconds(20), "the changes made while the stream was down") {
            try await Self.storeState(reflection.store) == Self.serverState(api)
        }
        #expect(reflection.store.get(namespace: "default", name: "while-down") != nil)
        #expect(reflection.store.get(namespace: "default", name: "keep0") == nil)
        #expect(reflection.lists.load(ordering: .relaxed) == 1, "resumed from its resourceVersion")

        watcher.cancel()
        _ = await watcher.value
        try await client.shutdown()
        await second.stopAndRemove()
    }

    @Test("a paged initial list is framed by initStarted and initDone")
    func pagedList() async throws {
        try await withCluster { _, client in
            let api = Api<ConfigMap>(client, namespace: "default")
            for index in 0..<7 { _ = try await api.create(configMap("x\(index)")) }
            var configuration = WatcherConfiguration()
            configuration.pageSize = 3
            var events: [String] = []
            for try await event in Watcher(api, configuration: configuration) {
                switch event {
                case .initStarted: events.append("start")
                case .initApply(let object): events.append(object.metadata.name ?? "?")
                case .initDone: events.append("done")
                case .apply, .delete: events.append("change")
                }
                if events.last == "done" { break }
            }
            #expect(events.first == "start")
            #expect(events.last == "done")
            #expect(events.count == 2 + 7)
        }
    }
}
