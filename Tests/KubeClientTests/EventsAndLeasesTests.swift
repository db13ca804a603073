import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Event recorder and leader election")
struct EventsAndLeasesTests {
    @Test("repeated events aggregate into one Event with a count")
    func eventAggregation() async throws {
        try await withCluster { _, client in
            let subject = try await Api<ConfigMap>(client, namespace: "default").create(configMap("subject"))
            let recorder = EventRecorder(client: client, component: "sympozium-test")
            await recorder.normal(subject, reason: "Synced", "all good")
            await recorder.normal(subject, reason: "Synced", "all good")
            await recorder.normal(subject, reason: "Synced", "all good")
            await recorder.warning(subject, reason: "Failed", "something broke")
            let events = try await Api<Event>(client, namespace: "default").list().items
            #expect(events.count == 2)
            let synced = try #require(events.first { $0.reason == "Synced" })
            #expect(synced.count == 3)
            #expect(synced.type == .normal)
            #expect(synced.involvedObject.uid == subject.metadata.uid)
            #expect(synced.involvedObject.kind == "ConfigMap")
            #expect(synced.source?.component == "sympozium-test")
            #expect((synced.lastTimestamp ?? synced.firstTimestamp!) >= synced.firstTimestamp!)
            #expect(events.first { $0.reason == "Failed" }?.type == .warning)
        }
    }

    static func configuration(_ identity: String) -> LeaderElectionConfiguration {
        var configuration = LeaderElectionConfiguration(leaseName: "test-leader", namespace: "default", identity: identity)
        configuration.leaseDuration = .seconds(2)
        configuration.renewDeadline = .milliseconds(1500)
        configuration.retryPeriod = .milliseconds(250)
        return configuration
    }

    /// An elector whose work runs until cancelled or graceful shutdown.
    struct Candidate: ServiceLifecycle.Service {
        let elector: LeaderElector
        func run() async throws {
            await elector.run { try await gracefulShutdown() }
        }
    }

    @Test("two candidates elect one leader; a killed leader is replaced within lease duration + renew period")
    func takeoverAfterCrash() async throws {
        try await withCluster { _, client in
            let first = LeaderElector(client: client, configuration: Self.configuration("first"))
            let second = LeaderElector(client: client, configuration: Self.configuration("second"))
            let firstTask = Task { try await Candidate(elector: first).run() }
            let secondTask = Task { try await Candidate(elector: second).run() }
            try await eventually("a leader") { first.isLeader || second.isLeader }
            try await Task.sleep(for: .seconds(1))
            #expect(first.isLeader != second.isLeader, "exactly one leader")
            let (leaderTask, follower) = first.isLeader ? (firstTask, second) : (secondTask, first)

            // Kill the leader: cancelled, it neither renews nor releases.
            leaderTask.cancel()
            let killedAt = ContinuousClock.now
            try await eventually(timeout: .seconds(10), "the follower to take over") { follower.isLeader }
            let takeover = ContinuousClock.now - killedAt
            // Lease duration + one retry period; the slack absorbs a 2-core CI machine running every suite at
            // once (alone the takeover comes at about 2.3 s).
            #expect(takeover <= .seconds(2) + .milliseconds(250) + .seconds(3), "took over after \(takeover)")
            #expect(takeover >= .milliseconds(1500), "not before the lease could expire: \(takeover)")
            let lease = try await Api<Lease>(client, namespace: "default").get("test-leader")
            #expect(lease.spec.holderIdentity == follower.configuration.identity)
            #expect(lease.spec.leaseTransitions == 1)
            firstTask.cancel()
            secondTask.cancel()
            _ = await (firstTask.result, secondTask.result)
        }
    }

    @Test("graceful shutdown releases the lease for an immediate takeover")
    func releaseOnShutdown() async throws {
        try await withCluster { _, client in
            let leader = LeaderElector(client: client, configuration: Self.configuration("leader"))
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let group = ServiceGroup(services: [Candidate(elector: leader)], logger: logger)
            let running = Task { try await group.run() }
            try await eventually("the leader") { leader.isLeader }
            let follower = LeaderElector(client: client, configuration: Self.configuration("follower"))
            let followerTask = Task { try await Candidate(elector: follower).run() }
            try await Task.sleep(for: .milliseconds(500))
            #expect(follower.isLeader == false)
            await group.triggerGracefulShutdown()
            try await running.value
            let releasedAt = ContinuousClock.now
            try await eventually("the follower to take over") { follower.isLeader }
            #expect(ContinuousClock.now - releasedAt < .seconds(1), "no wait for expiry after a release")
            followerTask.cancel()
            _ = await followerTask.result
        }
    }
}
