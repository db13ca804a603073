import Foundation

/// Leader election on a coordination.k8s.io Lease, with client-go's timings.
public struct LeaderElectionConfiguration: Sendable {
    public var leaseName: String
    public var namespace: String
    /// This replica's identity (pod name plus a random suffix by default).
    public var identity: String
    /// How long a lease stays valid without renewal; followers wait this long
    /// after they last saw it change before taking over.
    public var leaseDuration: Duration = .seconds(15)
    /// The leader gives up if it cannot renew for this long (< leaseDuration).
    public var renewDeadline: Duration = .seconds(10)
    /// Time between acquire attempts and between renewals.
    public var retryPeriod: Duration = .seconds(2)

    public init(leaseName: String, namespace: String, identity: String? = nil) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity ?? "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}
