import Foundation
import KubeModel
import SympoziumAPI

/// Codec throughput of the object model: the cost every layer above pays.
enum ModelBench {
    static func run() async throws -> [BenchFigure] {
        let run = AgentRun(
            metadata: ObjectMeta(
                name: "bench-run", namespace: "default", uid: UUID().uuidString, resourceVersion: "42",
                creationTimestamp: .now, labels: ["sympozium.ai/instance": "alice"]),
            spec: AgentRunSpec(
                instanceRef: "alice", agentId: "default", task: "Summarise the cluster's health",
                model: ModelSpec(provider: "openai", model: "gpt-4o", authSecretRef: "alice-openai"),
                skills: [SkillRef(skillPackRef: "k8s-ops")], timeout: "10m", sessionKey: "s-1"))
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let data = try encoder.encode(run)
        let iterations = 20_000
        let encodeTime = try Stopwatch.measure {
            for _ in 0..<iterations { _ = try encoder.encode(run) }
        }
        let decodeTime = try Stopwatch.measure {
            for _ in 0..<iterations { _ = try decoder.decode(AgentRun.self, from: data) }
        }
        let quantities = ["500m", "1Gi", "2", "1.5", "128Mi", "1e3"]
        let quantityTime = Stopwatch.measure {
            for index in 0..<iterations { _ = Quantity(parsing: quantities[index % quantities.count]) }
        }
        let validateTime = Stopwatch.measure {
            for _ in 0..<2_000 { _ = run.validate() }
        }
        return [
            BenchFigure(name: "agentrun_encode", value: Double(iterations) / encodeTime.seconds, unit: "objects/s"),
            BenchFigure(name: "agentrun_decode", value: Double(iterations) / decodeTime.seconds, unit: "objects/s"),
            BenchFigure(name: "quantity_parse", value: Double(iterations) / quantityTime.seconds, unit: "parses/s"),
            BenchFigure(name: "agentrun_validate", value: 2_000 / validateTime.seconds, unit: "objects/s"),
            BenchFigure(name: "rss", value: Double(ProcessMemory.residentBytes()) / 1_048_576, unit: "MB"),
        ]
    }
}
