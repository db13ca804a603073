import Foundation
import KubeClient
import KubeModel
import Logging
import ServiceLifecycle
import Synchronization

/// Runs work on one replica at a time. Replicas compete for a Lease; the
/// holder renews it every retry period and runs the work; the others watch
/// it and take over once it has not changed for a lease duration. A leader
/// that cannot renew within the renew deadline stops its work. On graceful
/// shutdown the work finishes and the lease is released for an immediate
/// takeover; a leader that dies simply stops renewing.
public final class LeaderElector: Sendable {
    public let configuration: LeaderElectionConfiguration
    let leases: Api<Lease>
    let logger: Logger
    private let leading = Atomic<Bool>(false)

    public init(client: KubeClient, configuration: LeaderElectionConfiguration, logger: Logger? = nil) {
        self.configuration = configuration
        self.leases = Api<Lease>(client, namespace: configuration.namespace)
        var logger = logger ?? Logger(label: "sympozium.leader-election")
        logger[metadataKey: "lease"] = "\(configuration.namespace)/\(configuration.leaseName)"
        logger[metadataKey: "identity"] = "\(configuration.identity)"
        self.logger = logger
    }

    /// True while this replica holds the lease.
    public var isLeader: Bool { leading.load(ordering: .relaxed) }

    /// Competes for the lease and runs `work` while leading, until graceful
    /// shutdown or cancellation. If leadership is lost the work is cancelled
    /// and the replica competes again.
    public func run(whileLeading work: @escaping @Sendable () async throws -> Void) async {
        var observer = LeaseObserver()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            guard await acquire(&observer) else { return }
            leading.store(true, ordering: .relaxed)
            logger.info("became leader")
            let outcome = await lead(work)
            leading.store(false, ordering: .relaxed)
            switch outcome {
            case .lost:
                logger.warning("lost leadership; work stopped")
                observer = LeaseObserver()
            case .finished:
                if Task.isShuttingDownGracefully || !Task.isCancelled { await release() }
                return
            }
        }
    }

    private enum Outcome { case lost, finished }

    /// Runs the work beside the renew loop; whichever ends first ends both.
    private func lead(_ work: @escaping @Sendable () async throws -> Void) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    try await work()
                } catch is CancellationError {
                    // Stopped: not a failure.
                } catch {
                    self.logger.error("leader work failed", metadata: ["error": "\(error)"])
                }
                return .finished
            }
            group.addTask { await self.renewUntilLost() ? .lost : nil }
            let first = await group.next() ?? .finished
            group.cancelAll()
            return first ?? .finished
        }
    }

    /// Renews every retry period; returns true when leadership is lost, false when cancelled.
    private func renewUntilLost() async -> Bool {
        var lastRenew = ContinuousClock.now
        var observer = LeaseObserver()
        while true {
            do {
                try await Task.sleep(for: configuration.retryPeriod)
            } catch {
                return false
            }
            do {
                switch try await tryAcquireOrRenew(observer: &observer) {
                case .held:
                    lastRenew = .now
                    continue
                case .heldByOther:
                    return true
                }
            } catch is CancellationError {
                return false
            } catch {
                logger.warning("lease renewal failed", metadata: ["error": "\(error)"])
            }
            if ContinuousClock.now - lastRenew > configuration.renewDeadline { return true }
        }
    }

    /// Tries every retry period until the lease is ours; false on shutdown.
    private func acquire(_ observer: inout LeaseObserver) async -> Bool {
        var logged = false
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                if try await tryAcquireOrRenew(observer: &observer) == .held { return true }
                if !logged {
                    logger.info("waiting for the lease", metadata: ["holder": "\(observer.holder ?? "")"])
                    logged = true
                }
            } catch is CancellationError {
                return false
            } catch {
                logger.warning("cannot acquire the lease", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: configuration.retryPeriod)
        }
        return false
    }

    private enum Attempt { case held, heldByOther }

    /// One step of client-go's tryAcquireOrRenew: create, renew, or take over an expired lease.
    private func tryAcquireOrRenew(observer: inout LeaseObserver) async throws -> Attempt {
        let now = MicroTime.now
        let durationSeconds = Int32(Backoff.seconds(configuration.leaseDuration).rounded())
        guard let current = try await leases.getIfExists(configuration.leaseName) else {
            let lease = Lease(
                metadata: ObjectMeta(name: configuration.leaseName, namespace: configuration.namespace),
                spec: LeaseSpec(
                    holderIdentity: configuration.identity, leaseDurationSeconds: durationSeconds, acquireTime: now,
                    renewTime: now, leaseTransitions: 0))
            do {
                _ = try await leases.create(lease)
                return .held
            } catch let error as KubeAPIError where error.isAlreadyExists {
                return .heldByOther
            }
        }
        var lease = current
        let holder = current.spec.holderIdentity ?? ""
        if holder != configuration.identity {
            let expired = observer.observe(current.spec, leaseDuration: configuration.leaseDuration)
            if !holder.isEmpty, !expired { return .heldByOther }
            lease.spec.acquireTime = now
            lease.spec.leaseTransitions = (current.spec.leaseTransitions ?? 0) + 1
        }
        lease.spec.holderIdentity = configuration.identity
        lease.spec.leaseDurationSeconds = durationSeconds
        lease.spec.renewTime = now
        do {
            _ = try await leases.replace(lease)
            return .held
        } catch let error as KubeAPIError where error.isConflict {
            return .heldByOther
        }
    }

    /// Gives the lease up so another replica takes over at once.
    private func release() async {
        do {
            guard var lease = try await leases.getIfExists(configuration.leaseName),
                lease.spec.holderIdentity == configuration.identity
            else { return }
            lease.spec.holderIdentity = nil
            lease.spec.leaseDurationSeconds = 1
            lease.spec.renewTime = .now
            _ = try await leases.replace(lease)
            logger.info("released the lease")
        } catch {
            logger.warning("cannot release the lease", metadata: ["error": "\(error)"])
        }
    }
}

/// A follower's view of the lease: when it last changed, by its own clock,
/// so clock skew between replicas does not matter.
struct LeaseObserver {
    private var record: LeaseSpec?
    private var observedAt = ContinuousClock.now
    var holder: String? { record?.holderIdentity }

    /// Notes the current record; true once it has not changed for a lease duration.
    mutating func observe(_ spec: LeaseSpec, leaseDuration: Duration) -> Bool {
        if spec != record {
            record = spec
            observedAt = .now
            return false
        }
        let duration = spec.leaseDurationSeconds.map { Duration.seconds(Int64($0)) } ?? leaseDuration
        return ContinuousClock.now - observedAt > duration
    }
}
