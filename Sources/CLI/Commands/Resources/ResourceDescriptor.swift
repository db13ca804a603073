import APIMachinery
import Foundation
import KubeModel
import SympoziumAPI

/// How the CLI names, lists and prints one Sympozium kind.
protocol ResourceDescriptor: Sendable {
    associatedtype Resource: KubernetesResource
    /// The command name ("instances").
    static var noun: String { get }
    /// One object ("instance").
    static var singular: String { get }
    static var headers: [String] { get }
    static func row(_ object: Resource, now: Date) -> [String]
}

extension ResourceDescriptor {
    static func age(_ object: Resource, now: Date) -> String {
        HumanDuration.since(object.metadata.creationTimestamp?.date, now: now)
    }
}

enum Instances: ResourceDescriptor {
    typealias Resource = SympoziumInstance
    static let noun = "instances"
    static let singular = "instance"
    static let headers = ["NAME", "PHASE", "CHANNELS", "AGENT PODS", "RUNS", "POLICY", "AGE"]
    static func row(_ object: SympoziumInstance, now: Date) -> [String] {
        [
            object.metadata.name ?? "", object.status?.phase ?? "",
            object.spec.channels.map(\.type.rawValue).joined(separator: ",").nonEmpty ?? "<none>",
            "\(object.status?.activeAgentPods ?? 0)", "\(object.status?.totalAgentRuns ?? 0)", object.spec.policyRef ?? "<none>",
            age(object, now: now),
        ]
    }
}

enum Runs: ResourceDescriptor {
    typealias Resource = AgentRun
    static let noun = "runs"
    static let singular = "run"
    static let headers = ["NAME", "INSTANCE", "PHASE", "DURATION", "TOKENS", "RESULT", "AGE"]
    static func row(_ object: AgentRun, now: Date) -> [String] {
        let status = object.status
        var duration = ""
        if let started = status?.startedAt?.date {
            duration = HumanDuration.format((status?.completedAt?.date ?? now).timeIntervalSince(started))
        }
        let tokens = status?.tokenUsage.map { "\($0.inputTokens + $0.outputTokens)" } ?? ""
        let preview = (status?.result ?? status?.error ?? "").replacingOccurrences(of: "\n", with: " ")
        return [
            object.metadata.name ?? "", object.spec.instanceRef, status?.phase?.rawValue ?? "Pending", duration, tokens,
            preview.count > 48 ? String(preview.prefix(47)) + "…" : preview, age(object, now: now),
        ]
    }
}

enum Policies: ResourceDescriptor {
    typealias Resource = SympoziumPolicy
    static let noun = "policies"
    static let singular = "policy"
    static let headers = ["NAME", "SANDBOX", "DEFAULT TOOLS", "FEATURES", "INSTANCES", "AGE"]
    static func row(_ object: SympoziumPolicy, now: Date) -> [String] {
        let features = object.spec.featureGates.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return [
            object.metadata.name ?? "", object.spec.sandboxPolicy?.required == true ? "required" : "optional",
            object.spec.toolGating?.defaultAction?.rawValue ?? "allow", features.nonEmpty ?? "<none>",
            "\(object.status?.boundInstances ?? 0)", age(object, now: now),
        ]
    }
}

enum Skills: ResourceDescriptor {
    typealias Resource = SkillPack
    static let noun = "skills"
    static let singular = "skill pack"
    static let headers = ["NAME", "SKILLS", "SIDECAR", "PHASE", "AGE"]
    static func row(_ object: SkillPack, now: Date) -> [String] {
        [
            object.metadata.name ?? "", "\(object.spec.skills.count)", object.spec.sidecar?.image ?? "<none>", object.status?.phase ?? "",
            age(object, now: now),
        ]
    }
}

enum Schedules: ResourceDescriptor {
    typealias Resource = SympoziumSchedule
    static let noun = "schedules"
    static let singular = "schedule"
    static let headers = ["NAME", "INSTANCE", "SCHEDULE", "TYPE", "PHASE", "RUNS", "NEXT RUN", "AGE"]
    static func row(_ object: SympoziumSchedule, now: Date) -> [String] {
        [
            object.metadata.name ?? "", object.spec.instanceRef, object.spec.schedule, object.spec.type?.rawValue ?? "scheduled",
            object.status?.phase ?? "", "\(object.status?.totalRuns ?? 0)", object.status?.nextRunTime?.description ?? "",
            age(object, now: now),
        ]
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
