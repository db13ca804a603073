import EmbeddedCluster
import Foundation
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The webhook's serving certificate: `tls.crt` and `tls.key` in a directory
/// (a mounted Secret, as cert-manager writes it), reloaded when the files
/// change, so a rotated certificate is served without a restart.
public final class WebhookCertificates: Sendable {
    struct Loaded {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
        var stamp: [Date]
    }

    public let directory: URL
    private let current: Mutex<Loaded>

    public var certificateURL: URL { directory.appending(path: "tls.crt") }
    public var keyURL: URL { directory.appending(path: "tls.key") }
    /// Written only for self-generated certificates.
    public var caURL: URL { directory.appending(path: "ca.crt") }

    /// Loads `tls.crt` and `tls.key` from `directory`.
    public init(directory: URL) throws {
        self.directory = directory
        current = Mutex(try Self.load(directory))
    }

    /// Generates a CA and a serving certificate for the webhook Service's DNS
    /// names into `directory` unless a valid one is there, then loads it.
    /// Returns the CA PEM to put into the webhook configurations' caBundle.
    public static func selfSigned(
        in directory: URL, service: String, namespace: String
    ) throws -> (certificates: WebhookCertificates, caPEM: String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let caURL = directory.appending(path: "ca.crt")
        if let existing = try? WebhookCertificates(directory: directory), let ca = try? String(contentsOf: caURL, encoding: .utf8),
            existing.expiresAfter(Date().addingTimeInterval(7 * 86_400))
        {
            return (existing, ca)
        }
        let names = ["\(service).\(namespace).svc", "\(service).\(namespace).svc.cluster.local", "\(service).\(namespace)", service, "localhost"]
        let generated = try ServingCertificates.generate(commonName: "\(service).\(namespace).svc", dnsNames: names)
        try Data(generated.caCertificatePEM.utf8).write(to: caURL, options: .atomic)
        try Data(generated.serverKeyPEM.utf8).write(to: directory.appending(path: "tls.key"), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.appending(path: "tls.key").path)
        try Data(generated.serverCertificatePEM.utf8).write(to: directory.appending(path: "tls.crt"), options: .atomic)
        return (try WebhookCertificates(directory: directory), generated.caCertificatePEM)
    }

    /// A server TLS configuration whose certificate follows the files.
    public func tlsConfiguration() -> TLSConfiguration {
        let loaded = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: loaded.chain.map { .certificate($0) }, privateKey: .privateKey(loaded.key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let loaded = current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = loaded.chain.map { .certificate($0) }
            override.privateKey = .privateKey(loaded.key)
            promise.succeed(override)
        }
        return configuration
    }

    /// Re-reads the files when their modification times changed. Returns
    /// whether a new certificate was loaded; a half-written pair is ignored
    /// until it parses.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        let stamp = Self.stamp(directory)
        guard stamp != current.withLock({ $0.stamp }), let loaded = try? Self.load(directory) else { return false }
        current.withLock { $0 = loaded }
        return true
    }

    func expiresAfter(_ date: Date) -> Bool {
        guard let pem = try? String(contentsOf: certificateURL, encoding: .utf8),
            let certificate = try? NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
        else { return false }
        return Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter)) > date
    }

    private static func load(_ directory: URL) throws -> Loaded {
        let stamp = stamp(directory)
        let chain = try NIOSSLCertificate.fromPEMFile(directory.appending(path: "tls.crt").path)
        let key = try NIOSSLPrivateKey(file: directory.appending(path: "tls.key").path, format: .pem)
        guard !chain.isEmpty else {
            throw AdmissionError(code: "NoCertificate", "\(directory.appending(path: "tls.crt").path) holds no certificate")
        }
        return Loaded(chain: chain, key: key, stamp: stamp)
    }

    private static func stamp(_ directory: URL) -> [Date] {
        ["tls.crt", "tls.key"].map {
            ((try? FileManager.default.attributesOfItem(atPath: directory.appending(path: $0).path))?[.modificationDate] as? Date) ?? .distantPast
        }
    }
}

/// Polls the certificate files and reloads them when they change.
public struct CertificateReloader: ServiceLifecycle.Service {
    let certificates: WebhookCertificates
    let interval: Duration
    let logger: Logger

    public init(certificates: WebhookCertificates, interval: Duration = .seconds(5), logger: Logger) {
        self.certificates = certificates
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    if certificates.reloadIfChanged() {
                        logger.info("reloaded the webhook serving certificate", metadata: ["path": "\(certificates.certificateURL.path)"])
                    }
                }
            }
        } catch is CancellationError {
        }
    }
}
