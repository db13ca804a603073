import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A self-generated certificate authority and a serving certificate for
/// 127.0.0.1 and localhost, kept in the data directory so that kubeconfigs
/// stay valid across restarts.
public struct ServingCertificates: Sendable {
    public let caCertificatePEM: String
    public let serverCertificatePEM: String
    public let serverKeyPEM: String

    public init(caCertificatePEM: String, serverCertificatePEM: String, serverKeyPEM: String) {
        self.caCertificatePEM = caCertificatePEM
        self.serverCertificatePEM = serverCertificatePEM
        self.serverKeyPEM = serverKeyPEM
    }

    /// Loads the certificates from `directory`, creating them on first use.
    public static func loadOrCreate(in directory: URL) throws -> ServingCertificates {
        let caURL = directory.appending(path: "ca.crt")
        let certURL = directory.appending(path: "apiserver.crt")
        let keyURL = directory.appending(path: "apiserver.key")
        if let ca = try? String(contentsOf: caURL, encoding: .utf8),
            let cert = try? String(contentsOf: certURL, encoding: .utf8),
            let key = try? String(contentsOf: keyURL, encoding: .utf8),
            let parsed = try? Certificate(pemEncoded: cert), parsed.notValidAfter > Date().addingTimeInterval(86_400)
        {
            return ServingCertificates(caCertificatePEM: ca, serverCertificatePEM: cert, serverKeyPEM: key)
        }
        let created = try generate()
        try Data(created.caCertificatePEM.utf8).write(to: caURL, options: .atomic)
        try Data(created.serverCertificatePEM.utf8).write(to: certURL, options: .atomic)
        try Data(created.serverKeyPEM.utf8).write(to: keyURL, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyURL.path)
        return created
    }

    /// A new CA and a serving certificate it signs for `dnsNames` and 127.0.0.1.
    public static func generate(
        now: Date = Date(), commonName: String = "sympozium-apiserver", dnsNames: [String] = ["localhost"]
    ) throws -> ServingCertificates {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("Sympozium")
            CommonName("sympozium-embedded-ca")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let serverName = try DistinguishedName { CommonName(commonName) }
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(2 * 365 * 86_400),
            issuer: caName, subject: serverName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(
                    dnsNames.map { GeneralName.dnsName($0) } + [.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(caKey))
        return ServingCertificates(
            caCertificatePEM: try ca.serializeAsPEM().pemString,
            serverCertificatePEM: try server.serializeAsPEM().pemString,
            serverKeyPEM: serverKey.pemRepresentation)
    }

    /// The server side TLS configuration for NIO.
    public func tlsConfiguration() throws -> TLSConfiguration {
        let certificate = try NIOSSLCertificate(bytes: Array(serverCertificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
