import KubeModel
import Testing

@testable import APIMachinery

/// A self-recursive schema, to show the depth cap stops recursion.
private enum RecursiveSchema {
    static let node: ProtoMessage = ProtoMessage("Node", [.message(1, "child") { node }, .present(2, "raw", .rawJSON)])
}

@Suite("Protobuf decoding: malformed and hostile input")
struct ProtobufHostileInputTests {
    private static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    private func code(_ bytes: [UInt8]) -> ProtobufError.Code? {
        do {
            _ = try KubernetesProtobuf.decode(bytes)
            return nil
        } catch {
            return error.code
        }
    }

    private func configMap(_ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap", build)
    }

    @Test func rejectsBadMagic() {
        #expect(code([]) == .badMagic)
        #expect(code([0x6B, 0x38, 0x73]) == .badMagic)
        #expect(code([0x6B, 0x38, 0x73, 0x01, 0x0A, 0x00]) == .badMagic)
        #expect(code(Array(#"{"kind":"ConfigMap"}"#.utf8)) == .badMagic)
    }

    @Test func rejectsTruncatedAndAbsurdLengths() {
        #expect(code(Self.magic + [0x0A, 0x0A, 0x01, 0x02, 0x03]) == .truncated)
        #expect(code(Self.magic + [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) == .invalidLength)
        #expect(code(Self.magic + [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]) == .truncated)
        #expect(code(Self.magic + [0x28]) == .truncated)
        #expect(code(Self.magic + [0x28] + Array(repeating: 0xFF, count: 11)) == .malformedVarint)
    }

    @Test func rejectsInvalidTags() {
        #expect(code(Self.magic + [0x02, 0x00]) == .invalidTag)
        #expect(code(Self.magic + [0x0B]) == .invalidTag)
        #expect(code(configMap { $0.int(1, 5) }) == .wrongWireType)
    }

    @Test func rejectsEveryTruncationInsideTheObject() throws {
        var raw = ProtoWriter()
        raw.objectMeta(name: "c", labels: ["a": "b"])
        raw.map(2, ["k": "v"])
        let body = configMap { $0.raw(raw.bytes) }
        #expect(throws: Never.self) { try KubernetesProtobuf.decode(body) }
        // The envelope ends with the always-present contentEncoding and contentType (2 bytes each).
        let rawEnd = body.count - 4
        let rawTag = rawEnd - raw.bytes.count - 2
        #expect(raw.bytes.count < 128 && body[rawTag] == 0x12)
        for length in Self.magic.count..<body.count {
            let prefix = Array(body.prefix(length))
            if length > rawTag, length < rawEnd {
                #expect(throws: ProtobufError.self) { try KubernetesProtobuf.decode(prefix) }
            } else {
                _ = try? KubernetesProtobuf.decode(prefix)
            }
        }
    }

    @Test func survivesCorruptedBytes() {
        let body = configMap {
            $0.objectMeta(name: "c", labels: ["a": "b"])
            $0.map(2, ["k": "v"])
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var mutated = body
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let index = Self.magic.count + Int((state >> 33) % UInt64(body.count - Self.magic.count))
                mutated[index] = UInt8(truncatingIfNeeded: state >> 13)
            }
            _ = try? KubernetesProtobuf.decode(mutated)
        }
    }

    @Test func skipsUnknownFieldsOfEveryWireType() throws {
        let body = configMap {
            $0.objectMeta(name: "c") {
                $0.int(50, 7)
                $0.string(51, "future")
            }
            $0.int(90, -3)
            $0.tag(91, 1)
            $0.raw(Array(repeating: 0xAB, count: 8))
            $0.tag(92, 5)
            $0.raw([1, 2, 3, 4])
            $0.message(93) { $0.message(1) { $0.message(1) { $0.string(1, "deep") } } }
            $0.map(2, ["k": "v"])
        }
        let expected: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "creationTimestamp": nil],
            "data": ["k": "v"],
        ]
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func skipsDeeplyNestedUnknownFieldsWithoutRecursing() throws {
        var nested = ProtoWriter()
        for _ in 0..<5000 {
            var outer = ProtoWriter()
            outer.bytes(1, nested.bytes)
            nested = outer
        }
        let body = configMap { $0.bytes(99, nested.bytes) }
        #expect(try KubernetesProtobuf.decode(body) == ["apiVersion": "v1", "kind": "ConfigMap"])
    }

    @Test func capsNestingDepth() throws {
        var nested = ProtoWriter()
        for _ in 0..<200 {
            var outer = ProtoWriter()
            outer.bytes(1, nested.bytes)
            nested = outer
        }
        let decoder = ProtoMessageDecoder(maxDepth: KubernetesProtobuf.maxDepth)
        #expect {
            _ = try decoder.object(RecursiveSchema.node, ProtobufReader(nested.bytes), depth: 1)
        } throws: { ($0 as? ProtobufError)?.code == .tooDeep }

        let deployment = ProtoWriter.envelope(apiVersion: "apps/v1", kind: "Deployment") {
            $0.message(2) { $0.message(3) { $0.message(2) { $0.message(2) { $0.string(1, "c") } } } }
        }
        #expect(throws: Never.self) { try KubernetesProtobuf.decode(deployment) }
        #expect { try KubernetesProtobuf.decode(deployment, maxDepth: 3) } throws: {
            ($0 as? ProtobufError)?.code == .tooDeep
        }
    }

    @Test func embedsRawJSON() throws {
        var writer = ProtoWriter()
        writer.message(2) { $0.string(1, #"{"a":[1,true,"x"],"b":null}"#) }
        let decoder = ProtoMessageDecoder(maxDepth: 8)
        let object = try decoder.object(RecursiveSchema.node, ProtobufReader(writer.bytes), depth: 1)
        #expect(object["raw"] == ["a": [1, true, "x"], "b": nil])

        var invalid = ProtoWriter()
        invalid.message(2) { $0.string(1, "{not json") }
        #expect {
            _ = try decoder.object(RecursiveSchema.node, ProtobufReader(invalid.bytes), depth: 1)
        } throws: { ($0 as? ProtobufError)?.code == .invalidValue }
    }

    @Test func rejectsUnsupportedKindWith415() {
        let body = ProtoWriter.envelope(apiVersion: "apps/v1", kind: "StatefulSet") { $0.objectMeta(name: "s") }
        #expect {
            try KubernetesProtobuf.decode(body)
        } throws: { error in
            guard let error = error as? ProtobufError else { return false }
            return error.code == .unsupportedKind && error.httpStatus == 415
                && error.message == "protobuf is not supported for StatefulSet in apps/v1: send JSON instead"
                && error.status.reason == .unsupportedMediaType
        }
        #expect(!KubernetesProtobuf.supports(apiVersion: "apps/v1", kind: "StatefulSet"))
        #expect(KubernetesProtobuf.supports(apiVersion: "apps/v1", kind: "Deployment"))
        #expect(KubernetesProtobuf.supportedKinds.contains("authorization.k8s.io/v1/SelfSubjectAccessReview"))
    }

    @Test func rejectsEnvelopeProblems() {
        #expect(code(ProtoWriter.envelope(apiVersion: "", kind: "ConfigMap") { _ in }) == .missingTypeMeta)
        #expect(code(ProtoWriter.envelope(apiVersion: "v1", kind: "") { _ in }) == .missingTypeMeta)
        #expect(
            code(ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap", contentEncoding: "gzip") { _ in })
                == .unsupportedEncoding)
        #expect(
            code(ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap", contentType: "application/json") { _ in })
                == .unsupportedEncoding)
        let empty = ProtoWriter.envelope(
            apiVersion: "v1", kind: "ConfigMap", contentType: KubernetesProtobuf.mediaType) { _ in }
        #expect(code(empty) == nil)
    }

    @Test func rejectsValuesJSONCannotHold() {
        let badIntOrString = ProtoWriter.envelope(apiVersion: "v1", kind: "Service") {
            $0.message(2) { $0.message(1) { $0.message(4) { $0.int(1, 2) } } }
        }
        #expect(code(badIntOrString) == .invalidValue)
        let farFuture = configMap { $0.message(1) { $0.time(8, seconds: 253_402_300_800) } }
        #expect(code(farFuture) == .invalidValue)
        let ancient = configMap { $0.message(1) { $0.time(8, seconds: -62_135_596_800) } }
        #expect(code(ancient) == nil)
    }

    @Test func rejectsUnmodelledFieldsOnlyWhenSet() {
        let emptyEphemeral = ProtoWriter.envelope(apiVersion: "v1", kind: "Pod") {
            $0.message(2) { $0.message(34) }
        }
        #expect(code(emptyEphemeral) == nil)
        let csiVolume = ProtoWriter.envelope(apiVersion: "v1", kind: "Pod") {
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "v")
                    $0.message(2) { $0.message(28) { $0.string(1, "csi.example.com") } }
                }
            }
        }
        #expect(code(csiVolume) == .unsupportedField)
    }

    @Test func decodesEdgeValuesLikeGo() throws {
        let body = configMap {
            $0.message(1) {
                $0.bytes(1, [0x61, 0xFF, 0x62])
                $0.int(7, -5)
                $0.message(11) { $0.string(1, "only-key") }
            }
            $0.message(2) { $0.string(2, "no-key") }
        }
        let decoded = try KubernetesProtobuf.decode(body)
        #expect(decoded["metadata"]?["name"] == "a\u{FFFD}b")
        #expect(decoded["metadata"]?["generation"] == -5)
        #expect(decoded["metadata"]?["labels"] == ["only-key": ""])
        #expect(decoded["data"] == ["": "no-key"])
    }
}
