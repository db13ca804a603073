import Foundation
import KubeModel

/// Files of an embedded control plane's data directory.
public struct DataDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public var database: URL { url.appending(path: "objects.sqlite") }
    public var kubeconfig: URL { url.appending(path: "kubeconfig") }
    var adminTokenFile: URL { url.appending(path: "admin-token") }

    func prepare() throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The admin bearer token, created once and kept (mode 0600).
    func adminToken() throws -> String {
        if let existing = try? String(contentsOf: adminTokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !existing.isEmpty
        {
            return existing
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try Data(token.utf8).write(to: adminTokenFile, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: adminTokenFile.path)
        return token
    }

    /// Writes a kubeconfig for the admin user pointing at `server`.
    public func writeKubeconfig(server: String, token: String, certificateAuthority: Data? = nil) throws {
        var cluster = "    server: \(server)\n"
        if let certificateAuthority {
            cluster += "    certificate-authority-data: \(certificateAuthority.base64EncodedString())\n"
        }
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: sympozium
              cluster:
            \(cluster)contexts:
            - name: sympozium
              context:
                cluster: sympozium
                user: sympozium-admin
                namespace: default
            current-context: sympozium
            users:
            - name: sympozium-admin
              user:
                token: \(token)

            """
        try Data(text.utf8).write(to: kubeconfig, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfig.path)
    }
}
