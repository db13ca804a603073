import Admission
import AsyncHTTPClient
import Foundation
import KubeModel
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import SympoziumAPI

/// `sympozium-bench admission`: policy decisions per second in process, and
/// the latency of the HTTPS webhook as the API server sees it (one kept-alive
/// connection, sequential AdmissionReviews).
enum AdmissionBench {
    static let decisions = 200_000
    static let requests = 3_000

    static func run() async throws -> [BenchFigure] {
        let policyObject: JSONValue = [
            "metadata": ["name": "restrictive", "namespace": "default"],
            "spec": [
                "sandboxPolicy": ["required": true],
                "toolGating": [
                    "defaultAction": "deny",
                    "rules": [["tool": "execute_command", "action": "ask"], ["tool": "read_file", "action": "allow"], ["tool": "write_file", "action": "deny"]],
                ],
                "subagentPolicy": ["maxDepth": 2, "maxConcurrent": 3],
                "featureGates": ["code-execution": true, "sub-agents": true, "browser-automation": false],
            ],
        ]
        let policy = try policyObject.decode(as: SympoziumPolicy.self)
        let instanceObject: JSONValue = [
            "metadata": ["name": "alice", "namespace": "default"], "spec": ["agents": ["default": ["model": "gpt-4o"]], "policyRef": "restrictive"],
        ]
        let instance = try instanceObject.decode(as: SympoziumInstance.self)
        let runObject: JSONValue = [
            "apiVersion": "sympozium.ai/v1alpha1", "kind": "AgentRun", "metadata": ["name": "r1", "namespace": "default"],
            "spec": [
                "instanceRef": "alice", "agentId": "default", "task": "look around", "sessionKey": "s1",
                "model": ["provider": "openai", "model": "gpt-4o", "authSecretRef": "alice-openai"],
            ],
        ]
        let run = try runObject.decode(as: AgentRun.self)
        let engine = PolicyEngine()

        // In process: the engine alone, then a whole review (decode + lookups + engine).
        var allowed = 0
        let engineTime = Stopwatch.measure {
            for _ in 0..<decisions {
                if engine.admit(AgentRunAdmission(operation: .create, run: run, instance: instance, policy: policy, runsInFlight: 1)).allowed {
                    allowed += 1
                }
            }
        }
        guard allowed == decisions else { throw AdmissionError(code: "BenchRunDenied", "the bench run must be admitted") }
        let source = BenchContext(instance: instance, policy: policy)
        let reviewer = AgentRunReviewer(engine: engine, source: source)
        let clock = ContinuousClock()
        let reviewStart = clock.now
        for _ in 0..<(decisions / 4) {
            _ = try await reviewer.review(operation: .create, object: runObject, oldObject: nil, namespace: "default")
        }
        let reviewTime = clock.now - reviewStart

        // Over HTTPS.
        let latencies = try await webhookLatencies(reviewer: reviewer, object: runObject)
        return [
            BenchFigure(name: "admission_engine_decisions_per_second", value: (Double(decisions) / engineTime.seconds).rounded(), unit: "decisions/s"),
            BenchFigure(
                name: "admission_review_decisions_per_second", value: (Double(decisions / 4) / reviewTime.seconds).rounded(), unit: "decisions/s"),
            BenchFigure(name: "admission_webhook_https_p50", value: percentile(latencies, 0.50), unit: "ms"),
            BenchFigure(name: "admission_webhook_https_p99", value: percentile(latencies, 0.99), unit: "ms"),
        ]
    }

    static func webhookLatencies(reviewer: AgentRunReviewer, object: JSONValue) async throws -> [Double] {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-bench-webhook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificates, caPEM) = try WebhookCertificates.selfSigned(in: directory, service: "sympozium-webhook", namespace: "sympozium-system")
        var logger = Logger(label: "bench.webhook")
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let services = try WebhookServer.services(
            handler: AdmissionReviewHandler(reviewer: reviewer, logger: logger), certificates: certificates, host: "127.0.0.1", port: 0,
            logger: logger, onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: services, logger: logger)
        let task = Task { try await group.run() }
        defer { task.cancel() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        let review = AdmissionReview(
            request: AdmissionRequest(
                uid: "bench", kind: AgentRun.groupVersionKind, resource: AgentRun.groupVersionResource, name: "r1", namespace: "default",
                operation: .create, object: object))
        let body = try JSONValue(encoding: review).serializedJSON()
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(requests)
        for index in 0..<(requests + 200) {
            var request = HTTPClientRequest(url: "https://localhost:\(port)\(AdmissionRoutes.validate)")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            let start = clock.now
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            // The first 200 warm the connection and the allocator.
            if index >= 200 { latencies.append((clock.now - start).seconds * 1000) }
        }
        try await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        return latencies
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
        return (sorted[max(0, index)] * 1000).rounded() / 1000
    }
}

/// Fixed lookups, so the figures measure the engine and the transport.
struct BenchContext: PolicyContextSource {
    let instance: SympoziumInstance
    let policy: SympoziumPolicy

    func instance(namespace: String, name: String) async throws -> SympoziumInstance? { instance }
    func policy(namespace: String, name: String) async throws -> SympoziumPolicy? { policy }
    func runsInFlight(namespace: String, instance: String, excluding: String?) async throws -> Int { 1 }
}
