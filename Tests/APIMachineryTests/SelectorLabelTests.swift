import APIMachinery
import KubeModel
import Testing

@Suite("Label selectors")
struct SelectorLabelTests {
    @Test func parsesEveryOperatorAndMatches() throws {
        let selector = try LabelSelectorQuery(parsing: "a=b,c!=d,e in (x,y),f notin (z),g,!h")
        #expect(selector.requirements.map(\.operator) == [.equals, .notEquals, .in, .notIn, .exists, .doesNotExist])
        #expect(selector.description == "a=b,c!=d,e in (x,y),f notin (z),g,!h")
        let labels = ["a": "b", "c": "other", "e": "y", "f": "w", "g": ""]
        #expect(selector.matches(labels))
        #expect(!selector.matches(labels.merging(["h": "1"]) { $1 }))
        #expect(!selector.matches(labels.merging(["e": "q"]) { $1 }))
        #expect(!selector.matches(labels.merging(["f": "z"]) { $1 }))
        #expect(!selector.matches(labels.filter { $0.key != "g" }))
        // Negative operators match objects without the key.
        #expect(selector.matches(labels.filter { $0.key != "c" && $0.key != "f" }))
    }

    @Test func doubleEqualsSpacesAndKeywordsAsValues() throws {
        let selector = try LabelSelectorQuery(parsing: " app == web , tier in (in, notin) ")
        #expect(selector.matches(["app": "web", "tier": "notin"]))
        #expect(!selector.matches(["app": "web", "tier": "x"]))
        #expect(selector.description == "app==web,tier in (in,notin)")
        #expect(selector.requiredValue(forKey: "app") == "web")
    }

    @Test func emptyValuesAndEverything() throws {
        #expect(try LabelSelectorQuery(parsing: "").isEverything)
        #expect(try LabelSelectorQuery(parsing: "  ").matches([:]))
        let empty = try LabelSelectorQuery(parsing: "a=,b in ()")
        #expect(empty.matches(["a": "", "b": ""]))
        #expect(!empty.matches(["a": "x", "b": ""]))
        #expect(!LabelSelectorQuery.nothing.matches([:]))
    }

    @Test func integerComparisons() throws {
        let selector = try LabelSelectorQuery(parsing: "gen>3,size<10")
        #expect(selector.matches(["gen": "4", "size": "9"]))
        #expect(!selector.matches(["gen": "3", "size": "9"]))
        #expect(!selector.matches(["gen": "x", "size": "9"]))
    }

    @Test func syntaxErrorsUseKubernetesWording() {
        func message(_ text: String) -> String? {
            do {
                _ = try LabelSelectorQuery(parsing: text)
                return nil
            } catch {
                #expect(error.code == SelectorError.invalidLabelSelector)
                return error.message
            }
        }
        #expect(message("a in x") == "unable to parse requirement: found 'x' expected: '('")
        #expect(message("a b") == "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")
        #expect(message("a=b,") == "found '', expected: identifier after ','")
        #expect(message("a=b c") == "found 'c', expected: ',' or 'end of string'")
        #expect(message("!h=b") == "found '=', expected: ',' or 'end of string'")
        #expect(message("=b") == "found '=', expected: !, identifier, or 'end of string'")
        #expect(message("a in (x") == "unable to parse requirement: found '', expected: ',' or ')'")
        #expect(message("a>x") == "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")
        let badKey = message("-a=b")
        #expect(badKey?.hasPrefix("unable to parse requirement: key: Invalid value: \"-a\": name part must consist of alphanumeric characters") == true)
        let badValue = message("a=b c!")
        #expect(badValue != nil)
        let longValue = message("a=" + String(repeating: "v", count: 64))
        #expect(longValue?.contains("values[0][a]: Invalid value:") == true)
        #expect(longValue?.contains("must be no more than 63 characters") == true)
    }

    @Test func convertsLabelSelectorObjects() throws {
        let object = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                LabelSelectorRequirement(key: "tier", operator: "In", values: ["b", "a"]),
                LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist"),
            ])
        let selector = try LabelSelectorQuery(object)
        #expect(selector.description == "app=web,!legacy,tier in (a,b)")
        #expect(selector.matches(["app": "web", "tier": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "a", "legacy": "1"]))
        #expect(try LabelSelectorQuery(LabelSelector()).isEverything)

        let badOperator = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "Equals")])
        #expect(throws: SelectorError(
            code: SelectorError.invalidLabelSelectorObject,
            message: "\"Equals\" is not a valid label selector operator")) {
            try LabelSelectorQuery(badOperator)
        }
        let emptyIn = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "In")])
        #expect(throws: SelectorError(
            code: SelectorError.invalidLabelSelectorObject,
            message: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")) {
            try LabelSelectorQuery(emptyIn)
        }
    }

    @Test func validatesLabelKeysAndValues() {
        #expect(LabelValidation.isValidLabelKey("app.kubernetes.io/name"))
        #expect(LabelValidation.isValidLabelKey("A_b.c-9"))
        #expect(!LabelValidation.isValidLabelKey("Example.com/name"))
        #expect(!LabelValidation.isValidLabelKey("/name"))
        #expect(!LabelValidation.isValidLabelKey("a/b/c"))
        #expect(!LabelValidation.isValidLabelKey(String(repeating: "k", count: 64)))
        #expect(LabelValidation.isValidLabelValue(""))
        #expect(!LabelValidation.isValidLabelValue("-x"))
        #expect(!LabelValidation.isValidLabelValue("a b"))

        let errors = LabelValidation.validate(
            labels: ["good": "ok", "bad key": "v", "k": "-bad"], path: "metadata.labels")
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.kind == .invalid && $0.path == "metadata.labels" })
        #expect(errors[0].message.hasPrefix("Invalid value: \"bad key\": name part must consist of"))
        #expect(errors[1].message == "Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        let prefix = LabelValidation.validate(labels: ["Bad.Prefix/x": ""], path: "metadata.labels")
        #expect(prefix.first?.message.contains("prefix part a lowercase RFC 1123 subdomain") == true)
    }
}
