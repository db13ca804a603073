import APIMachinery
import Foundation
import KubeModel
import Testing

@Suite("Table printing: custom resources")
struct TableCustomResourceTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static let run: JSONValue = [
        "apiVersion": "sympozium.ai/v1alpha1", "kind": "AgentRun",
        "metadata": ["name": "run-1", "namespace": "default", "labels": ["app.kubernetes.io/name": "agent"],
                     "creationTimestamp": .string(RFC3339.format(now.addingTimeInterval(-3600 * 5)))],
        "spec": ["instanceRef": "helper", "items": [["name": "first"], ["name": "second"]], "ratio": 0.5],
        "status": ["phase": "Running", "attempts": 3,
                   "conditions": [["type": "Scheduled", "status": "True"], ["type": "Ready", "status": "False"]],
                   "lastRunTime": .string(RFC3339.format(now.addingTimeInterval(-150)))],
    ]

    @Test func printerColumnsFromCRD() throws {
        let columns = [
            CustomResourceColumnDefinition(name: "Instance", type: "string", jsonPath: ".spec.instanceRef"),
            CustomResourceColumnDefinition(name: "Phase", type: "string", jsonPath: ".status.phase", description: "Run phase"),
            CustomResourceColumnDefinition(name: "Attempts", type: "integer", jsonPath: ".status.attempts"),
            CustomResourceColumnDefinition(name: "First", type: "string", jsonPath: ".spec.items[0].name", priority: 1),
            CustomResourceColumnDefinition(name: "Ready", type: "string", jsonPath: #".status.conditions[?(@.type=="Ready")].status"#),
            CustomResourceColumnDefinition(name: "App", type: "string", jsonPath: #".metadata.labels.app\.kubernetes\.io/name"#),
            CustomResourceColumnDefinition(name: "Ratio", type: "number", jsonPath: ".spec.ratio"),
            CustomResourceColumnDefinition(name: "Missing", type: "string", jsonPath: ".status.nothing"),
            CustomResourceColumnDefinition(name: "Last Run", type: "date", jsonPath: ".status.lastRunTime"),
            CustomResourceColumnDefinition(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp"),
        ]
        let crd = CustomResourceDefinition(
            metadata: ObjectMeta(name: "agentruns.sympozium.ai"),
            spec: CustomResourceDefinitionSpec(
                group: "sympozium.ai", names: CustomResourceDefinitionNames(kind: "AgentRun", plural: "agentruns"),
                scope: .namespaced,
                versions: [CustomResourceDefinitionVersion(name: "v1alpha1", additionalPrinterColumns: columns)]))
        let printer = ResourceTablePrinter.customResource(crd, version: "v1alpha1")
        let table = printer.table(for: [Self.run], listMeta: ListMeta(resourceVersion: "12"), includeObject: .object, now: Self.now)
        let definitions = table["columnDefinitions"]?.arrayValue ?? []
        #expect(definitions.map { $0["name"]?.stringValue ?? "" } == ["Name"] + columns.map(\.name))
        #expect(definitions[1]["description"] == "Custom resource definition column (in JSONPath format): .spec.instanceRef")
        #expect(definitions[2]["description"] == "Run phase")
        #expect(definitions[4]["priority"] == 1)
        #expect(definitions[9]["type"] == "date")
        let row = table["rows"]?.arrayValue?.first
        #expect(row?["cells"] == [
            "run-1", "helper", "Running", 3, "first", "False", "agent", 0.5, nil, "2m30s", "5h",
        ])
        #expect(row?["object"] == Self.run)
    }

    @Test func defaultAgeColumnWithoutPrinterColumns() {
        let printer = ResourceTablePrinter.customResource(columns: [])
        #expect(printer.columns.map(\.name) == ["Name", "Age"])
        #expect(printer.columns.map(\.type) == ["string", "date"])
        #expect(printer.row(for: Self.run, now: Self.now).cells == ["run-1", "5h"])
    }

    @Test func stringColumnsPrintValuesAsJSONPathDoes() {
        let printer = ResourceTablePrinter.customResource(columns: [
            CustomResourceColumnDefinition(name: "Items", type: "string", jsonPath: ".spec.items[*].name"),
            CustomResourceColumnDefinition(name: "Spec", type: "string", jsonPath: ".spec.items[1]"),
            CustomResourceColumnDefinition(name: "Ratio", type: "string", jsonPath: ".spec.ratio"),
            CustomResourceColumnDefinition(name: "Attempts", type: "integer", jsonPath: ".status.phase"),
        ])
        #expect(printer.row(for: Self.run, now: Self.now).cells == ["run-1", "first", #"{"name":"second"}"#, "0.5", nil])
    }

    @Test func jsonPathSubset() throws {
        let document: JSONValue = ["a": ["b": [10, 20, 30]], "m": ["x.y": "dotted"]]
        #expect(try SimpleJSONPath(".a.b[1]").evaluate(document) == [20])
        #expect(try SimpleJSONPath("{.a.b[-1]}").evaluate(document) == [30])
        #expect(try SimpleJSONPath("$.a.b[*]").evaluate(document) == [10, 20, 30])
        #expect(try SimpleJSONPath(".m['x.y']").evaluate(document) == ["dotted"])
        #expect(try SimpleJSONPath(#".m.x\.y"#).evaluate(document) == ["dotted"])
        #expect(try SimpleJSONPath(".a.c").evaluate(document).isEmpty)
        #expect(throws: TablePrintingError.self) { try SimpleJSONPath("..a") }
        #expect(throws: TablePrintingError.self) { try SimpleJSONPath("a") }
    }
}
