import APIMachinery
import Foundation
import KubeModel
import Testing

private func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

private func podSchema() throws -> StrategicMergeSchema {
    try #require(StrategicMergeSchema.builtin(group: "", kind: "Pod"))
}

private let pod = #"""
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","finalizers":["a","b","c"]},
     "spec":{"containers":[
       {"name":"nginx","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
        "ports":[{"containerPort":80}]},
       {"name":"log","image":"busybox"}],
      "tolerations":[{"key":"x","operator":"Exists"}]}}
    """#

@Suite("Strategic merge patch")
struct PatchStrategicMergeTests {
    /// Patch applied to `pod`, then the value read at a path compared to JSON.
    @Test(arguments: [
        // env merges by name: B changes, C is added, A stays first.
        (#"{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}"#,
            ["spec", "containers"],
            #"""
            [{"name":"nginx","image":"nginx:1","ports":[{"containerPort":80}],
              "env":[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]},
             {"name":"log","image":"busybox"}]
            """#),
        // a new container is merged in (first, as Kubernetes orders it).
        (#"{"spec":{"containers":[{"name":"sidecar","image":"envoy"}]}}"#, ["spec", "containers"],
            #"""
            [{"name":"sidecar","image":"envoy"},
             {"name":"nginx","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "ports":[{"containerPort":80}]},
             {"name":"log","image":"busybox"}]
            """#),
        // $patch: delete removes a container by merge key.
        (#"{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}"#, ["spec", "containers"],
            #"[{"name":"log","image":"busybox"}]"#),
        // $setElementOrder reorders, together with an added element.
        (#"""
            {"spec":{"$setElementOrder/containers":[{"name":"log"},{"name":"new"},{"name":"nginx"}],
                     "containers":[{"name":"new","image":"x"}]}}
            """#, ["spec", "containers"],
            #"""
            [{"name":"log","image":"busybox"},{"name":"new","image":"x"},
             {"name":"nginx","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "ports":[{"containerPort":80}]}]
            """#),
        // null deletes inside a merged element.
        (#"{"spec":{"containers":[{"name":"nginx","env":null,"ports":null}]}}"#, ["spec", "containers"],
            #"[{"name":"nginx","image":"nginx:1"},{"name":"log","image":"busybox"}]"#),
        // $patch: replace inside a list replaces the whole list.
        (#"{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}"#, ["spec", "containers"],
            #"[{"name":"only","image":"x"}]"#),
        // tolerations have no merge key: replaced.
        (#"{"spec":{"tolerations":[{"key":"y","operator":"Exists"}]}}"#, ["spec", "tolerations"],
            #"[{"key":"y","operator":"Exists"}]"#),
        // finalizers: a set-like primitive list.
        (#"{"metadata":{"finalizers":["c","d"]}}"#, ["metadata", "finalizers"], #"["a","b","c","d"]"#),
        (#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}"#, ["metadata", "finalizers"], #"["a","c"]"#),
        (#"{"metadata":{"$setElementOrder/finalizers":["c","a"],"$deleteFromPrimitiveList/finalizers":["b"]}}"#,
            ["metadata", "finalizers"], #"["c","a"]"#),
        // $patch: replace / delete in maps.
        (#"{"spec":{"containers":[{"name":"log","resources":{"$patch":"replace","limits":{"cpu":"1"}}}]}}"#,
            ["spec", "containers"],
            #"""
            [{"name":"nginx","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "ports":[{"containerPort":80}]},
             {"name":"log","image":"busybox","resources":{"limits":{"cpu":"1"}}}]
            """#),
        (#"{"metadata":{"$patch":"replace","name":"web2"}}"#, ["metadata"], #"{"name":"web2"}"#),
    ])
    func patchesPod(patch: String, path: [String], expected: String) throws {
        let result = try StrategicMergePatch.apply(try json(patch), to: try json(pod), schema: try podSchema())
        var value: JSONValue? = result
        for key in path {
            value = value?[key]
        }
        #expect(value == (try json(expected)))
    }

    @Test func retainKeysDropsUnlistedFields() throws {
        let schema = try #require(StrategicMergeSchema.builtin(apiVersion: "apps/v1", kind: "Deployment"))
        let deployment = try json(
            #"{"spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}"#)
        let patch = try json(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        #expect(result == (try json(#"{"spec":{"replicas":2,"strategy":{"type":"Recreate"}}}"#)))

        let bad = try json(#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}"#)
        let error = try #require(throws: PatchError.self) {
            try StrategicMergePatch.apply(bad, to: deployment, schema: schema)
        }
        #expect(error.kind == .malformed)
    }

    @Test func mergesDeploymentAndJobPodTemplates() throws {
        let patch = try json(
            #"{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"X","value":"2"}]}]}}}}"#)
        let original = try json(#"""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"1"}]}]}}}}
            """#)
        let expected = try json(#"""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"a","env":[{"name":"X","value":"2"},{"name":"Y","value":"1"}]}]}}}}
            """#)
        for (group, kind) in [("apps", "Deployment"), ("batch", "Job")] {
            let schema = try #require(StrategicMergeSchema.builtin(group: group, kind: kind))
            #expect(try StrategicMergePatch.apply(patch, to: original, schema: schema) == expected)
        }
    }

    @Test func mergesOwnerReferencesByUID() throws {
        let schema = try #require(StrategicMergeSchema.builtin(group: "", kind: "ConfigMap"))
        let original = try json(#"{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}}"#)
        let patch = try json(#"{"metadata":{"ownerReferences":[{"uid":"1","name":"b"},{"uid":"2","name":"c"}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: original, schema: schema)
        #expect(result == (try json(#"{"metadata":{"ownerReferences":[{"uid":"1","name":"b"},{"uid":"2","name":"c"}]}}"#)))
    }

    @Test func customResourcesDoNotSupportStrategicMerge() {
        #expect(!StrategicMergeSchema.supportsStrategicMerge(group: "sympozium.ai", kind: "Agent"))
        #expect(StrategicMergeSchema.builtin(apiVersion: "sympozium.ai/v1alpha1", kind: "Agent") == nil)
        #expect(StrategicMergeSchema.supportsStrategicMerge(group: "apps", kind: "Deployment"))
        #expect(!StrategicMergeSchema.supportsStrategicMerge(group: "", kind: "Deployment"))
        let error = PatchError.strategicMergeUnsupported
        #expect(error.httpStatus == 415)
        #expect(error.status.reason == .unsupportedMediaType)
    }

    @Test(arguments: [
        (#"{"spec":{"containers":[{"image":"no-name"}]}}"#, PatchError.Kind.unprocessable),
        (#"{"spec":{"containers":[{"name":"nginx","$patch":"explode"}]}}"#, .malformed),
        (#"{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}"#, .malformed),
        (#"["not","an","object"]"#, .malformed),
    ])
    func rejectsBadPatches(patch: String, kind: PatchError.Kind) throws {
        let error = try #require(throws: PatchError.self) {
            try StrategicMergePatch.apply(try json(patch), to: try json(pod), schema: try podSchema())
        }
        #expect(error.kind == kind)
    }
}
