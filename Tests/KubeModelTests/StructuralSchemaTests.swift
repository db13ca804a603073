import KubeModel
import Testing

@Suite("Structural schema: prune, default, validate")
struct StructuralSchemaTests {
    let schema = StructuralSchema(
        .object(
            "root",
            properties: [
                "spec": .object(
                    "spec",
                    properties: [
                        "size": .integer("size", default: 256, minimum: 1, maximum: 1024),
                        "mode": .string("mode", default: "Forbid", enum: ["Forbid", "Allow"]),
                        "name": .string("name", pattern: "^[a-z]+$", maxLength: 5),
                        "tags": .array("tags", of: .string("tag")),
                        "gates": .map("gates", values: JSONSchemaProps(type: "boolean")),
                        "limit": .quantity("limit"),
                    ],
                    required: ["name"]),
                "status": .object("status", properties: ["phase": .string("phase")]),
            ]))

    @Test func prunesUnknownFieldsButNotMetadata() {
        var object: JSONValue = [
            "apiVersion": "x/v1", "kind": "X", "metadata": ["name": "a", "labels": ["k": "v"]],
            "spec": ["name": "abc", "bogus": 1], "extra": true,
        ]
        schema.prune(&object)
        #expect(object == ["apiVersion": "x/v1", "kind": "X", "metadata": ["name": "a", "labels": ["k": "v"]], "spec": ["name": "abc"]])
    }

    @Test func appliesDefaultsWithoutOverridingValues() {
        var object: JSONValue = ["spec": ["name": "abc", "mode": "Allow"]]
        schema.applyDefaults(&object)
        #expect(object == ["spec": ["name": "abc", "mode": "Allow", "size": 256]])
    }

    @Test func reportsEveryViolationWithItsPath() {
        let object: JSONValue = [
            "spec": [
                "size": 2048, "mode": "Sometimes", "name": "ABCDEFG", "tags": ["ok", 3],
                "gates": ["a": "yes"], "limit": true,
            ]
        ]
        let errors = schema.validate(object)
        let paths = Set(errors.map(\.path))
        #expect(paths == ["spec.size", "spec.mode", "spec.name", "spec.tags[1]", "spec.gates.a", "spec.limit"])
        #expect(errors.contains { $0.description == #"spec.mode: Unsupported value: "Sometimes": supported values: "Forbid", "Allow""# })
    }

    @Test func requiresRequiredFields() {
        let errors = schema.validate(["spec": ["size": 3]])
        #expect(errors == [.required("spec.name")])
    }

    @Test func acceptsValidObjects() {
        var object: JSONValue = ["spec": ["name": "abc", "limit": "500m", "gates": ["x": true]]]
        #expect(schema.admit(&object).isEmpty)
        #expect(object["spec"]?["size"] == 256)
    }
}
