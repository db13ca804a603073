import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeModel
import Testing

@Suite("Deletion propagation and watch bookmarks", .serialized)
struct DeletionPropagationTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    func createOwnerAndChild(_ http: TestHTTP, block: Bool) async throws -> String {
        let owner = try await http.send("POST", Self.configMaps, text: #"{"metadata":{"name":"owner"}}"#).json()
        let uid = (owner["metadata"] as? [String: Any])?["uid"] as? String ?? ""
        let child = try await http.send(
            "POST", Self.configMaps,
            text: #"{"metadata":{"name":"child","ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"\#(uid)","blockOwnerDeletion":\#(block)}],"finalizers":["example.com/slow"]}}"#)
        #expect(child.status == 201)
        return uid
    }

    func waitFor(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func foregroundWaitsForBlockingDependents() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let http = cluster.http
        _ = try await createOwnerAndChild(http, block: true)
        let deleted = try await http.send("DELETE", Self.configMaps + "/owner", text: #"{"propagationPolicy":"Foreground"}"#)
        #expect(deleted.status == 200)
        let childMarked = try await waitFor {
            let child = try await http.send("GET", Self.configMaps + "/child").json()
            return (child["metadata"] as? [String: Any])?["deletionTimestamp"] != nil
        }
        #expect(childMarked, "the dependent is being deleted")
        #expect(try await http.send("GET", Self.configMaps + "/owner").status == 200, "the owner waits for its blocking dependent")
        _ = try await http.send(
            "PATCH", Self.configMaps + "/child", text: #"{"metadata":{"finalizers":null}}"#, contentType: "application/merge-patch+json")
        #expect(try await waitFor { try await http.send("GET", Self.configMaps + "/owner").status == 404 })
    }

    @Test func orphanKeepsDependentsAndDropsTheReference() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let http = cluster.http
        _ = try await createOwnerAndChild(http, block: false)
        _ = try await http.send("DELETE", Self.configMaps + "/owner", text: #"{"propagationPolicy":"Orphan"}"#)
        #expect(try await waitFor { try await http.send("GET", Self.configMaps + "/owner").status == 404 })
        let child = try await http.send("GET", Self.configMaps + "/child").json()
        #expect((child["metadata"] as? [String: Any])?["ownerReferences"] == nil)
        #expect((child["metadata"] as? [String: Any])?["deletionTimestamp"] == nil)
    }

    @Test func watchesSendBookmarksWhenAsked() async throws {
        let cluster = try await TestCluster.start(tls: false)
        defer { Task { await cluster.stopAndRemove() } }
        let reply = try await cluster.http.send("GET", Self.configMaps + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=12&resourceVersion=1")
        #expect(reply.status == 200)
        #expect(reply.text.contains(#""type":"BOOKMARK""#), "a bookmark arrives within the watch's lifetime")
    }
}
