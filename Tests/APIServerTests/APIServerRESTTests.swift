import APIServer
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

@Suite("HTTP API: the REST routes against an embedded control plane", .serialized)
struct APIServerRESTTests {
    static let alice = #"""
        {"apiVersion": "sympozium.ai/v1alpha1", "kind": "SympoziumInstance", "metadata": {"name": "alice"},
         "spec": {"agents": {"default": {"model": "gpt-4o", "baseURL": "http://llm.local/v1"}},
                  "authRefs": [{"provider": "openai", "secret": "alice-openai"}]}}
        """#

    static func instance(_ name: String) -> String {
        #"{"metadata": {"name": "\#(name)"}, "spec": {"agents": {"default": {"model": "gpt-4o"}}}}"#
    }

    @Test("instances: create (201 and Location), list, get, a duplicate is 409 AlreadyExists, delete, then 404 NotFound")
    func instances() async throws {
        try await APIHarness.with { api in
            let created = try await api.post("/api/v1/instances", Self.alice)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.headers.first(name: "Location") == "/api/v1/instances/alice?namespace=default")
            #expect(created.json["metadata"]?["namespace"]?.stringValue == "default")
            #expect(created.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)

            let list = try await api.get("/api/v1/instances")
            #expect(list.status == 200)
            #expect(APIHarness.names(list) == ["alice"])
            let one = try await api.get("/api/v1/instances/alice")
            #expect(one.json["spec"]?["agents"]?["default"]?["model"]?.stringValue == "gpt-4o")

            let duplicate = try await api.post("/api/v1/instances", Self.alice)
            #expect(duplicate.status == 409)
            #expect(duplicate.code == "AlreadyExists")

            let elsewhere = try await api.get("/api/v1/instances?namespace=kube-system")
            #expect(APIHarness.names(elsewhere).isEmpty)

            let deleted = try await api.delete("/api/v1/instances/alice")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(deleted.json["status"]?.stringValue == "Deleted")
            let gone = try await api.get("/api/v1/instances/alice")
            #expect(gone.status == 404)
            #expect(gone.code == "NotFound")
            #expect(gone.json["message"]?.stringValue?.contains("alice") == true)
        }
    }

    @Test("runs: the short form is filled from the instance like `sympozium run`; a full AgentRun too; ?instance= filters")
    func runs() async throws {
        try await APIHarness.with { api in
            #expect(try await api.post("/api/v1/instances", Self.alice).status == 201)
            #expect(try await api.post("/api/v1/instances", Self.instance("bob")).status == 201)

            let short = try await api.post("/api/v1/runs", #"{"instance": "alice", "task": "list the pods", "model": "gpt-4.1"}"#)
            #expect(short.status == 201, "\(short.text)")
            let name = try #require(short.json["metadata"]?["name"]?.stringValue)
            #expect(name.hasPrefix("alice-run-"))
            let spec = short.json["spec"]
            #expect(spec?["instanceRef"]?.stringValue == "alice")
            #expect(spec?["task"]?.stringValue == "list the pods")
            #expect(spec?["model"]?["model"]?.stringValue == "gpt-4.1")
            #expect(spec?["model"]?["provider"]?.stringValue == "openai")
            #expect(spec?["model"]?["authSecretRef"]?.stringValue == "alice-openai")
            #expect(spec?["model"]?["baseURL"]?.stringValue == "http://llm.local/v1")
            #expect(short.json["metadata"]?["labels"]?["sympozium.ai/instance"]?.stringValue == "alice")

            let full = try await api.post(
                "/api/v1/runs",
                #"""
                {"apiVersion": "sympozium.ai/v1alpha1", "kind": "AgentRun", "metadata": {"name": "bob-1"},
                 "spec": {"instanceRef": "bob", "agentId": "default", "task": "t", "sessionKey": "s",
                          "model": {"provider": "openai", "model": "m", "authSecretRef": "k"}}}
                """#)
            #expect(full.status == 201, "\(full.text)")

            #expect(APIHarness.names(try await api.get("/api/v1/runs")) == [name, "bob-1"].sorted())
            #expect(APIHarness.names(try await api.get("/api/v1/runs?instance=alice")) == [name])
            #expect(APIHarness.names(try await api.get("/api/v1/runs?instance=bob")) == ["bob-1"])
            #expect(try await api.get("/api/v1/runs/bob-1").json["spec"]?["task"]?.stringValue == "t")

            let missing = try await api.post("/api/v1/runs", #"{"instance": "carol", "task": "t"}"#)
            #expect(missing.status == 422)
            #expect(missing.code == "InstanceNotFound")
            let empty = try await api.post("/api/v1/runs", #"{"instance": "alice", "task": "  "}"#)
            #expect(empty.status == 422)
            #expect(empty.code == "Invalid")
            #expect(empty.json["causes"]?.arrayValue?.first?["field"]?.stringValue == "task")
            let neither = try await api.post("/api/v1/runs", #"{"prompt": "t"}"#)
            #expect(neither.status == 422)

            #expect(try await api.delete("/api/v1/runs/bob-1").status == 200)
            #expect(try await api.get("/api/v1/runs/bob-1").status == 404)
            let stored = try await Api<AgentRun>(api.client, namespace: "default").get(name)
            #expect(stored.spec.model.model == "gpt-4.1")
        }
    }

    @Test("schedules: create, list, get, delete; a bad cron is 422 Invalid with the field")
    func schedules() async throws {
        try await APIHarness.with { api in
            let body = #"""
                {"metadata": {"name": "nightly"}, "spec": {"instanceRef": "alice", "schedule": "0 3 * * *", "task": "report"}}
                """#
            let created = try await api.post("/api/v1/schedules?namespace=default", body)
            #expect(created.status == 201, "\(created.text)")
            #expect(APIHarness.names(try await api.get("/api/v1/schedules")) == ["nightly"])
            #expect(try await api.get("/api/v1/schedules/nightly").json["spec"]?["schedule"]?.stringValue == "0 3 * * *")

            let bad = try await api.post(
                "/api/v1/schedules", #"{"metadata": {"name": "never"}, "spec": {"instanceRef": "alice", "schedule": "61 * * * *", "task": "t"}}"#)
            #expect(bad.status == 422)
            #expect(bad.code == "Invalid")
            #expect(bad.json["causes"]?.arrayValue?.contains { $0["field"]?.stringValue == "spec.schedule" } == true, "\(bad.text)")

            let mismatch = try await api.post("/api/v1/schedules?namespace=kube-system", body)
            #expect(mismatch.status == 201, "a body without a namespace takes the query's: \(mismatch.text)")
            let conflict = try await api.post(
                "/api/v1/schedules?namespace=kube-system",
                #"{"metadata": {"name": "x", "namespace": "default"}, "spec": {"instanceRef": "a", "schedule": "@daily", "task": "t"}}"#)
            #expect(conflict.status == 400)

            #expect(try await api.delete("/api/v1/schedules/nightly").status == 200)
            #expect(APIHarness.names(try await api.get("/api/v1/schedules")).isEmpty)
        }
    }

    @Test("policies and skills are listed and read; namespaces are listed")
    func catalog() async throws {
        try await APIHarness.with { api in
            let objects = try [
                #"{"apiVersion": "sympozium.ai/v1alpha1", "kind": "SympoziumPolicy", "metadata": {"name": "strict", "namespace": "default"}, "spec": {"featureGates": {"code-execution": false}}}"#,
                ##"{"apiVersion": "sympozium.ai/v1alpha1", "kind": "SkillPack", "metadata": {"name": "notes", "namespace": "default"}, "spec": {"skills": [{"name": "summarise", "content": "# Summarise"}]}}"##,
            ].map { try JSONParser.parse(Array($0.utf8)) }
            try await ManifestApplier(client: api.client, fieldManager: "tests").apply(objects)

            #expect(APIHarness.names(try await api.get("/api/v1/policies")) == ["strict"])
            #expect(try await api.get("/api/v1/policies/strict").json["spec"]?["featureGates"]?["code-execution"] == .bool(false))
            #expect(APIHarness.names(try await api.get("/api/v1/skills")) == ["notes"])
            #expect(try await api.get("/api/v1/skills/notes").status == 200)
            #expect(try await api.get("/api/v1/skills/absent").code == "NotFound")
            let namespaces = APIHarness.names(try await api.get("/api/v1/namespaces"))
            #expect(namespaces.contains("default"))
            #expect(namespaces.contains("sympozium-system"))
        }
    }

    @Test("pods: ?instance= selects by label; logs pass container and tailLines through")
    func podsAndLogs() async throws {
        try await APIHarness.with { api in
            let pods = Api<Pod>(api.client, namespace: "default")
            for (name, instance) in [("alice-agent", "alice"), ("other", "bob")] {
                let pod = try JSONParser.parse(Array(#"""
                    {"apiVersion": "v1", "kind": "Pod",
                     "metadata": {"name": "\#(name)", "namespace": "default", "labels": {"sympozium.ai/instance": "\#(instance)"}},
                     "spec": {"containers": [{"name": "agent", "image": "busybox"}]}}
                    """#.utf8)).decode(as: Pod.self)
                _ = try await pods.create(pod)
            }
            #expect(APIHarness.names(try await api.get("/api/v1/pods")) == ["alice-agent", "other"])
            #expect(APIHarness.names(try await api.get("/api/v1/pods?instance=alice")) == ["alice-agent"])

            let log = try await api.get("/api/v1/pods/alice-agent/logs?container=agent&tailLines=5")
            #expect(log.status == 200, "\(log.text)")
            #expect(log.text == "log of default/alice-agent container=agent tailLines=5\n")
            #expect(log.headers.first(name: "Content-Type")?.hasPrefix("text/plain") == true)
            #expect(try await api.get("/api/v1/pods/absent/logs").code == "NotFound")
            #expect(try await api.get("/api/v1/pods/alice-agent/logs?tailLines=-1").status == 400)
        }
    }
}
