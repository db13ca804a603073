import Foundation
import KubeModel
import KubeYAML
import SympoziumAPI
import Testing

@Suite("Compatibility with the original sympozium.ai/v1alpha1")
struct CompatibilityTests {
    /// Decodes a manifest as its kind, and checks schema and semantic validation pass
    /// and that pruning drops none of its fields.
    private func admit<R: CustomResource>(_ document: JSONValue, as type: R.Type, file: String) throws {
        var pruned = document
        R.structuralSchema.prune(&pruned)
        #expect(pruned == document, "\(file): our schema prunes fields of \(R.kind)")
        let object = try document.decode(as: R.self)
        let errors = try object.defaulted().validate()
        #expect(errors.isEmpty, "\(file): \(errors)")
        // Every field survives a decode/encode round trip through the Swift type.
        var reencoded = try JSONValue(encoding: object)
        var original = document
        Self.dropEmptyCollections(&reencoded)
        Self.dropEmptyCollections(&original)
        #expect(reencoded == original, "\(file): \(R.kind) loses fields in the Swift type")
    }

    static func dropEmptyCollections(_ value: inout JSONValue) {
        switch value {
        case .object(var members):
            for key in Array(members.keys) {
                dropEmptyCollections(&members[key, default: .null])
                if members[key] == .array([]) || members[key] == .object([:]) { members[key] = nil }
            }
            value = .object(members)
        case .array(var elements):
            for index in elements.indices { dropEmptyCollections(&elements[index]) }
            value = .array(elements)
        default:
            break
        }
    }

    @Test func builtInSkillPacksDecodeAndValidate() throws {
        for file in try CompatFixtures.files(in: "skills") {
            for document in try CompatFixtures.documents(in: file) {
                #expect(document["kind"] == "SkillPack")
                try admit(document, as: SkillPack.self, file: file.lastPathComponent)
            }
        }
    }

    @Test func examplePoliciesDecodeAndValidate() throws {
        for file in try CompatFixtures.files(in: "policies") {
            for document in try CompatFixtures.documents(in: file) {
                #expect(document["kind"] == "SympoziumPolicy")
                try admit(document, as: SympoziumPolicy.self, file: file.lastPathComponent)
            }
        }
    }

    /// Every field path of the original CRDs exists in ours with the same type.
    @Test func everyOriginalFieldPathExistsWithTheSameType() throws {
        var checked = 0
        for file in try CompatFixtures.files(in: "crds") {
            for document in try CompatFixtures.documents(in: file) {
                let crd = try document.decode(as: CustomResourceDefinition.self)
                let kind = try #require(SympoziumKinds.kind(named: crd.spec.names.kind), "unknown kind \(crd.spec.names.kind)")
                #expect(crd.spec.names.plural == kind.plural)
                #expect(crd.spec.scope == kind.scope)
                let theirs = try #require(crd.spec.versions.first?.schema?.openAPIV3Schema)
                let mismatches = SchemaComparison.missingOrDifferent(theirs, in: kind.openAPISchema, path: kind.kind)
                #expect(mismatches.isEmpty, "\(file.lastPathComponent): \(mismatches)")
                checked += SchemaComparison.pathCount(theirs)
                let theirColumns = Set(crd.spec.versions.first?.additionalPrinterColumns.map(\.jsonPath) ?? [])
                let ourColumns = Set(kind.printerColumns.map(\.jsonPath))
                #expect(theirColumns.isSubset(of: ourColumns), "\(kind.kind): printer columns \(theirColumns.subtracting(ourColumns)) missing")
            }
        }
        #expect(checked > 200)
    }
}

/// Walks two schemas side by side.
enum SchemaComparison {
    static func missingOrDifferent(_ theirs: JSONSchemaProps, in ours: JSONSchemaProps, path: String) -> [String] {
        var problems: [String] = []
        if theirs.type != ours.type {
            problems.append("\(path): type \(theirs.type ?? "none") in the original, \(ours.type ?? "none") here")
        }
        if theirs.xIntOrString != ours.xIntOrString {
            problems.append("\(path): int-or-string differs")
        }
        for (name, child) in theirs.properties {
            guard let ourChild = ours.properties[name] else {
                problems.append("\(path).\(name): missing")
                continue
            }
            problems += missingOrDifferent(child, in: ourChild, path: "\(path).\(name)")
        }
        if let items = theirs.items {
            if let ourItems = ours.items {
                problems += missingOrDifferent(items, in: ourItems, path: "\(path)[]")
            } else {
                problems.append("\(path)[]: items missing")
            }
        }
        if case .schema(let values) = theirs.additionalProperties {
            if case .schema(let ourValues) = ours.additionalProperties {
                problems += missingOrDifferent(values, in: ourValues, path: "\(path){}")
            } else {
                problems.append("\(path){}: map values missing")
            }
        }
        if let theirDefault = theirs.default, theirDefault != ours.default {
            problems.append("\(path): default \(theirDefault) in the original, \(String(describing: ours.default)) here")
        }
        return problems
    }

    static func pathCount(_ schema: JSONSchemaProps) -> Int {
        1 + schema.properties.values.map(pathCount).reduce(0, +) + (schema.items.map(pathCount) ?? 0)
            + (schema.additionalProperties?.schema.map(pathCount) ?? 0)
    }
}
