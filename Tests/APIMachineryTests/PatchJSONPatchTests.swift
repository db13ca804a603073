import APIMachinery
import Foundation
import KubeModel
import Testing

private func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("JSON patch (RFC 6902)")
struct PatchJSONPatchTests {
    /// Target, patch, result: RFC 6902 Appendix A plus Kubernetes-style paths.
    @Test(arguments: [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#,
            #"{"foo":["bar","qux","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#,
            #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
            #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
            #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
            #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"baz":"qux","foo":["a",2,"c"]}"#,
            #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2.0}]"#,
            #"{"baz":"qux","foo":["a",2,"c"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
            #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#,
            #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10},{"op":"remove","path":"/~1"}]"#,
            #"{"~1":10}"#),
        (#"{"metadata":{"annotations":{}}}"#,
            #"[{"op":"add","path":"/metadata/annotations/example.com~1owner","value":"me"}]"#,
            #"{"metadata":{"annotations":{"example.com/owner":"me"}}}"#),
        (#"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]"#,
            #"{"a":{"b":1},"c":{"b":2}}"#),
        (#"{"a":1}"#, #"[{"op":"replace","path":"","value":[1]}]"#, "[1]"),
    ])
    func applies(target: String, patch: String, expected: String) throws {
        #expect(try JSONPatch.apply(try json(patch), to: try json(target)) == (try json(expected)))
    }

    /// Patches that do not apply: 422 with a stable code.
    @Test(arguments: [
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, PatchError.Code.testFailed),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, .pathNotFound),
        (#"{"foo":"bar"}"#, #"[{"op":"remove","path":"/nope"}]"#, .pathNotFound),
        (#"{"foo":"bar"}"#, #"[{"op":"replace","path":"/nope","value":1}]"#, .pathNotFound),
        (#"{"foo":[1,2]}"#, #"[{"op":"add","path":"/foo/3","value":3}]"#, .invalidIndex),
        (#"{"foo":[1,2]}"#, #"[{"op":"remove","path":"/foo/-"}]"#, .invalidIndex),
        (#"{"foo":[1,2]}"#, #"[{"op":"replace","path":"/foo/01","value":3}]"#, .invalidIndex),
        (#"{"foo":{"bar":1}}"#, #"[{"op":"move","from":"/foo","path":"/foo/bar/x"}]"#, .invalidMove),
    ])
    func rejectsUnprocessable(target: String, patch: String, code: PatchError.Code) throws {
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(try json(patch), to: try json(target)) }
        #expect(error.code == code)
        #expect(error.kind == .unprocessable)
        #expect(error.httpStatus == 422)
    }

    /// Malformed documents: 400.
    @Test(arguments: [
        (#"{"op":"add","path":"/a","value":1}"#, PatchError.Code.invalidDocument),
        (#"[{"op":"frobnicate","path":"/a"}]"#, .invalidDocument),
        (#"[{"op":"add","path":"/a"}]"#, .invalidDocument),
        (#"[{"op":"move","path":"/a"}]"#, .invalidDocument),
        (#"[{"path":"/a","value":1}]"#, .invalidDocument),
        (#"[{"op":"add","path":"a","value":1}]"#, .invalidPointer),
        (#"[{"op":"add","path":"/a~2","value":1}]"#, .invalidPointer),
    ])
    func rejectsMalformed(patch: String, code: PatchError.Code) throws {
        let error = try #require(throws: PatchError.self) { try JSONPatch(decoding: try json(patch)) }
        #expect(error.code == code)
        #expect(error.kind == .malformed)
        #expect(error.status.code == 400)
    }

    @Test func failedTestLeavesKubernetesStatus() throws {
        let patch = try json(#"[{"op":"test","path":"/spec/replicas","value":3}]"#)
        let error = try #require(throws: PatchError.self) {
            try JSONPatch.apply(patch, to: try json(#"{"spec":{"replicas":2}}"#))
        }
        #expect(error.message == "testing value /spec/replicas failed: test failed")
        #expect(error.status.reason == .invalid)
        #expect(error.status.message == "the server rejected our request due to an error in our request")
    }

    @Test func pointerEscapesRoundTrip() throws {
        let pointer = try JSONPointer(parsing: "/metadata/annotations/a~1b~0c")
        #expect(pointer.tokens == ["metadata", "annotations", "a/b~c"])
        #expect(pointer.description == "/metadata/annotations/a~1b~0c")
        #expect(try JSONPointer(parsing: "").tokens.isEmpty)
        #expect(try JSONPointer(parsing: "/").tokens == [""])
    }
}
