import KubeModel
import KubeYAML
import Testing

@Suite("YAML reading and writing")
struct YAMLTests {
    @Test func readsCoreTypesAndKeepsQuotedStrings() throws {
        let value = try YAMLReader.parse(
            """
            a: 1
            b: "1"
            c: true
            d: "True"
            e: 1.5
            f: null
            g: [x, 'y']
            h: 2026-01-01
            """)
        #expect(value == ["a": 1, "b": "1", "c": true, "d": "True", "e": 1.5, "f": nil, "g": ["x", "y"], "h": "2026-01-01"])
    }

    @Test func readsMultipleDocumentsAndSkipsEmptyOnes() throws {
        let documents = try YAMLReader.parseAll("---\na: 1\n---\n---\nb: 2\n")
        #expect(documents == [["a": 1], ["b": 2]])
    }

    @Test func malformedYAMLIsAClearError() {
        #expect(throws: YAMLError.self) { try YAMLReader.parse("a: [1, 2\nb: }") }
        do {
            _ = try YAMLReader.parse("a: 1\na: 2\n")
            Issue.record("duplicate keys must be refused")
        } catch {
            #expect(error.description.lowercased().contains("duplicate"), "\(error)")
        }
    }

    @Test func writesSortedBlockYAMLWithLiteralMultilineStrings() throws {
        let yaml = try YAMLWriter.render(["z": 1, "a": ["text": "line one\nline two", "flag": "True", "n": 2.5], "list": ["x"]])
        #expect(
            yaml == """
                a:
                  flag: 'True'
                  n: 2.5
                  text: |-
                    line one
                    line two
                list:
                - x
                z: 1

                """)
        #expect(try YAMLReader.parse(yaml) == ["z": 1, "a": ["text": "line one\nline two", "flag": "True", "n": 2.5], "list": ["x"]])
    }

    @Test func roundTripsAwkwardStrings() throws {
        let strings: [JSONValue] = ["", " leading", "trailing ", "a: b", "- x", "#hash", "null", "123", "tab\there", "multi\nline \nwith space", "ünïcode"]
        let value = JSONValue.array(strings)
        #expect(try YAMLReader.parse(try YAMLWriter.render(value)) == value)
    }
}
