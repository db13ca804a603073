import Foundation

/// How the local node runs pods. Every field has a default; `sympozium up`
/// fills the data directory, the API server's address and the image map.
public struct LocalNodeConfiguration: Sendable {
    /// Where pods keep their volumes, logs and state (`<data-dir>/node`).
    public var directory: URL
    /// Directories hidden from every sandbox (the data directory: tokens, database).
    public var hiddenPaths: [String]
    /// The node's name: pods with this spec.nodeName, or none, run here.
    public var nodeName = "sympozium-local"
    public var imageMap = ImageMap()
    public var bwrapPath = "/usr/bin/bwrap"
    /// Applies rlimits before exec; nil disables resource limits.
    public var prlimitPath: String? = "/usr/bin/prlimit"
    /// What KUBERNETES_SERVICE_HOST/PORT tell pods.
    public var apiServerHost = "127.0.0.1"
    public var apiServerPort = 6443
    /// The CA of the API server, written as ca.crt next to projected tokens.
    public var caCertificatePEM: String?
    /// Where emptyDir volumes with medium Memory live (a tmpfs).
    public var memoryVolumeRoot = URL(fileURLWithPath: "/dev/shm/sympozium")
    /// A Pod's default grace period when it names none.
    public var defaultGracePeriodSeconds: Int64 = 30
    /// Pods started at once (the rest wait).
    public var concurrency = 16

    public init(directory: URL, hiddenPaths: [String] = []) {
        self.directory = directory
        self.hiddenPaths = hiddenPaths
    }
}
