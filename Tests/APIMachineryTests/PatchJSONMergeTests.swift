import APIMachinery
import Foundation
import KubeModel
import Testing

private func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("JSON merge patch (RFC 7386)")
struct PatchJSONMergeTests {
    /// RFC 7386 Appendix A: original, patch, result.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfcAppendix(original: String, patch: String, expected: String) throws {
        #expect(JSONMergePatch.apply(try json(patch), to: try json(original)) == (try json(expected)))
    }

    @Test func mergesKubernetesLabels() throws {
        let original = try json(#"{"metadata":{"name":"a","labels":{"app":"web","tier":"fe"}},"data":{"k":"v"}}"#)
        let patch = try json(#"{"metadata":{"labels":{"tier":null,"env":"prod"}},"data":{"k":"w"}}"#)
        let expected = try json(#"{"metadata":{"name":"a","labels":{"app":"web","env":"prod"}},"data":{"k":"w"}}"#)
        #expect(JSONMergePatch.apply(patch, to: original) == expected)
    }
}
