/// The seven list views, in the order of their number keys.
enum TUIViewKind: Int, CaseIterable, Sendable {
    case instances = 1
    case runs
    case policies
    case skills
    case channels
    case pods
    case schedules

    var title: String {
        switch self {
        case .instances: "Instances"
        case .runs: "Runs"
        case .policies: "Policies"
        case .skills: "Skills"
        case .channels: "Channels"
        case .pods: "Pods"
        case .schedules: "Schedules"
        }
    }

    /// The singular noun used in prompts ("delete run first?").
    var singular: String {
        switch self {
        case .instances: "instance"
        case .runs: "run"
        case .policies: "policy"
        case .skills: "skill pack"
        case .channels: "channel"
        case .pods: "pod"
        case .schedules: "schedule"
        }
    }

    /// The view a `/delete <type>` or `/<view>` word names.
    init?(word: String) {
        switch word.lowercased() {
        case "instance", "instances", "inst", "sympoziuminstance", "sympoziuminstances": self = .instances
        case "run", "runs", "agentrun", "agentruns": self = .runs
        case "policy", "policies", "sympoziumpolicy", "sympoziumpolicies": self = .policies
        case "skill", "skills", "skillpack", "skillpacks": self = .skills
        case "channel", "channels", "deployment", "deployments": self = .channels
        case "pod", "pods", "po": self = .pods
        case "schedule", "schedules", "sympoziumschedule", "sympoziumschedules": self = .schedules
        default: return nil
        }
    }

    var next: TUIViewKind { TUIViewKind(rawValue: rawValue % Self.allCases.count + 1) ?? .instances }
    var previous: TUIViewKind { TUIViewKind(rawValue: (rawValue + Self.allCases.count - 2) % Self.allCases.count + 1) ?? .instances }
}

/// One row of a list view: the object it shows and its cells.
struct TUIRow: Hashable, Sendable {
    var namespace: String?
    var name: String
    var cells: [String]
    /// A word that colours the row (a phase: Running, Failed, ...).
    var phase: String = ""
    /// The instance a run or schedule belongs to (the Runs filter).
    var instance: String?
}

/// The rows of one list view.
struct TUITable: Hashable, Sendable {
    var headers: [String]
    var rows: [TUIRow]
    /// False until the view's watch has listed once.
    var loaded: Bool
    /// Why the view's watch fails (it keeps retrying), if it does.
    var error: String?

    init(headers: [String], rows: [TUIRow] = [], loaded: Bool = false) {
        self.headers = headers
        self.rows = rows
        self.loaded = loaded
    }
}
