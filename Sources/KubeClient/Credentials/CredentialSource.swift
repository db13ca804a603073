import Foundation
import KubeModel
import Synchronization

/// Where a bearer token comes from.
public enum CredentialSource: Sendable, Hashable {
    case none
    case token(String)
    /// Re-read periodically and after a 401: projected tokens rotate.
    case tokenFile(URL)
    case exec(Kubeconfig.ExecConfig)
}

/// Hands out the current bearer token, caching file and exec results.
final class BearerTokenProvider: Sendable {
    private struct Cached {
        var token: String
        var validUntil: ContinuousClock.Instant
        /// For token files: which file version the token came from.
        var fileVersion: FileVersion?
    }

    /// Identifies a file's content cheaply: kubelet rotates projected tokens
    /// by swapping a symlink, which changes the inode and modification time.
    struct FileVersion: Equatable {
        var inode: UInt64
        var modified: Date
        var size: UInt64

        init?(_ url: URL) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
            inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            modified = (attributes[.modificationDate] as? Date) ?? .distantPast
            size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        }
    }

    private let source: CredentialSource
    private let cache = Mutex<Cached?>(nil)
    /// How long a token read from a file is trusted before reading it again,
    /// even when the file seems unchanged.
    static let fileRefreshInterval: Duration = .seconds(60)

    init(source: CredentialSource) {
        self.source = source
    }

    /// The token to send, or nil when the configuration has none.
    /// `refresh` forgets the cached value (after the server answered 401).
    func token(refresh: Bool = false) async throws(KubeClientError) -> String? {
        let now = ContinuousClock.now
        if !refresh, let cached = cache.withLock({ $0 }), cached.validUntil > now {
            if case .tokenFile(let url) = source, let version = cached.fileVersion, FileVersion(url) != version {
                // Rotated: read it again below.
            } else {
                return cached.token
            }
        }
        switch source {
        case .none:
            return nil
        case .token(let token):
            return token
        case .tokenFile(let url):
            let version = FileVersion(url)
            let token = try Self.readToken(url)
            cache.withLock {
                $0 = Cached(token: token, validUntil: now.advanced(by: Self.fileRefreshInterval), fileVersion: version)
            }
            return token
        case .exec(let config):
            let credential = try await ExecCredentialPlugin.run(config)
            var lifetime: Duration = .seconds(365 * 24 * 3600)
            if let expiry = credential.expirationTimestamp {
                let seconds = expiry.date.timeIntervalSinceNow - 10
                lifetime = .milliseconds(Int64(max(0, seconds) * 1000))
            }
            cache.withLock { $0 = Cached(token: credential.token, validUntil: now.advanced(by: lifetime), fileVersion: nil) }
            return credential.token
        }
    }

    private static func readToken(_ url: URL) throws(KubeClientError) -> String {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KubeClientError(.credentials, "cannot read token file \(url.path): \(error.localizedDescription)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw KubeClientError(.credentials, "token file \(url.path) is empty") }
        return token
    }
}
