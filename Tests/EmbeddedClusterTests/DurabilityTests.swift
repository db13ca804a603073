import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeModel
import Synchronization
import Testing

@Suite("Durability across kill -9", .serialized)
struct DurabilityTests {
    @Test func acknowledgedWritesSurviveKill9() async throws {
        guard let binary = ServerProcess.binary else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = LocalPort.free()
        let first = try ServerProcess(binary: binary, dataDirectory: directory, port: port)
        try await first.waitUntilReady()
        let http = TestHTTP(base: "http://127.0.0.1:\(port)", token: first.adminToken)

        let acknowledged = Mutex<[String: Int64]>([:])
        let writer = Task {
            var index = 0
            while !Task.isCancelled {
                let name = "durable-\(index)"
                guard let reply = try? await http.send(
                    "POST", "/api/v1/namespaces/default/configmaps",
                    text: #"{"metadata":{"name":"\#(name)"},"data":{"i":"\#(index)"}}"#),
                    reply.status == 201,
                    let metadata = try? reply.json()["metadata"] as? [String: Any],
                    let version = (metadata["resourceVersion"] as? String).flatMap({ Int64($0) })
                else { break }
                acknowledged.withLock { $0[name] = version }
                index += 1
            }
        }
        while acknowledged.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(20)) }
        first.kill9()
        _ = await writer.value
        let written = acknowledged.withLock { $0 }
        #expect(written.count >= 200)

        let second = try ServerProcess(binary: binary, dataDirectory: directory, port: port)
        try await second.waitUntilReady()
        let list = try await http.send("GET", "/api/v1/namespaces/default/configmaps")
        let items = try list.json()["items"] as? [[String: Any]] ?? []
        var stored: [String: Int64] = [:]
        for item in items {
            let metadata = item["metadata"] as? [String: Any] ?? [:]
            if let name = metadata["name"] as? String, let version = (metadata["resourceVersion"] as? String).flatMap({ Int64($0) }) {
                stored[name] = version
            }
        }
        for (name, version) in written {
            #expect(stored[name] == version, "\(name) acknowledged at \(version) is \(String(describing: stored[name])) after restart")
        }
        let maxBefore = stored.values.max() ?? 0
        let after = try await http.send("POST", "/api/v1/namespaces/default/configmaps", text: #"{"metadata":{"name":"after-restart"}}"#)
        #expect(after.status == 201)
        let newVersion = ((try after.json()["metadata"] as? [String: Any])?["resourceVersion"] as? String).flatMap { Int64($0) } ?? 0
        #expect(newVersion > maxBefore, "versions only grow across a crash")
        second.terminate()

        let store = try await ObjectStore.open(path: DataDirectory(url: directory).database.path)
        #expect(try await store.integrityCheck() == "ok")
    }
}
