import KubeModel

/// A parsed label selector (`labels.Selector`): the `labelSelector` query
/// parameter, or a `LabelSelector` object converted with
/// `metav1.LabelSelectorAsSelector`'s rules.
public struct LabelSelectorQuery: Hashable, Sendable, CustomStringConvertible {
    /// Sorted by key. Empty means "everything" (unless `selectsNothing`).
    public let requirements: [LabelRequirement]
    /// True only for `LabelSelectorQuery.nothing` (a nil `LabelSelector`).
    public let selectsNothing: Bool

    /// Matches every object.
    public static let everything = LabelSelectorQuery(requirements: [])
    /// Matches no object: what Kubernetes uses for a nil selector.
    public static let nothing = LabelSelectorQuery(requirements: [], selectsNothing: true)

    public init(requirements: [LabelRequirement]) {
        self.init(requirements: requirements, selectsNothing: false)
    }

    private init(requirements: [LabelRequirement], selectsNothing: Bool) {
        self.requirements = requirements.sorted { $0.key < $1.key }
        self.selectsNothing = selectsNothing
    }

    /// Parses Kubernetes' selector syntax:
    /// `a=b,c!=d,e in (x,y),f notin (z),g,!h`, also `==`, `>`/`<` with integers.
    /// An empty or all-whitespace string selects everything.
    public init(parsing text: String) throws(SelectorError) {
        var parser = LabelSelectorParser(text)
        self.init(requirements: try parser.parse())
    }

    /// Converts a `LabelSelector` object: matchLabels become `key=value`,
    /// matchExpressions their set-based operators. An empty selector selects
    /// everything.
    public init(_ selector: LabelSelector) throws(SelectorError) {
        var requirements: [LabelRequirement] = []
        do throws(SelectorError) {
            for (key, value) in selector.matchLabels.sorted(by: { $0.key < $1.key }) {
                requirements.append(try LabelRequirement(key: key, operator: .equals, values: [value]))
            }
            for expression in selector.matchExpressions {
                let op: LabelRequirement.Operator
                switch expression.operator {
                case "In": op = .in
                case "NotIn": op = .notIn
                case "Exists": op = .exists
                case "DoesNotExist": op = .doesNotExist
                default:
                    throw SelectorError(
                        code: SelectorError.invalidLabelSelectorObject,
                        message: "\(goQuoted(expression.operator)) is not a valid label selector operator")
                }
                requirements.append(try LabelRequirement(key: expression.key, operator: op, values: expression.values))
            }
        } catch {
            throw SelectorError(code: SelectorError.invalidLabelSelectorObject, message: error.message)
        }
        self.init(requirements: requirements)
    }

    /// Whether this selects every object.
    public var isEverything: Bool { requirements.isEmpty && !selectsNothing }

    /// Whether the labels satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        !selectsNothing && requirements.allSatisfy { $0.matches(labels) }
    }

    /// The value an object must carry for `key`, when a single `=`, `==` or
    /// one-valued `in` requirement fixes it (`Selector.RequiresExactMatch`).
    public func requiredValue(forKey key: String) -> String? {
        for requirement in requirements where requirement.key == key {
            switch requirement.operator {
            case .equals, .doubleEquals, .in:
                if requirement.values.count == 1 { return requirement.values[0] }
            default:
                continue
            }
        }
        return nil
    }

    /// Canonical text, requirements sorted by key and joined with ",";
    /// "" for everything and nothing alike (as Kubernetes prints them).
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }
}
