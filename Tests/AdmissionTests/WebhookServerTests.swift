import Admission
import AsyncHTTPClient
import EmbeddedCluster
import Foundation
import KubeModel
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

@Suite("The admission webhook over HTTPS")
struct WebhookServerTests {
    /// A webhook on a free port with self-generated certificates in a temporary directory.
    struct RunningWebhook {
        let directory: URL
        let port: Int
        let certificates: WebhookCertificates
        let caPEM: String
        let group: ServiceGroup
        let task: Task<Void, any Error>

        static func start() async throws -> RunningWebhook {
            let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-webhook-\(UUID().uuidString)")
            let (certificates, caPEM) = try WebhookCertificates.selfSigned(in: directory, service: "sympozium-webhook", namespace: "sympozium-system")
            var logger = Logger(label: "test.webhook")
            logger.logLevel = .warning
            let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: try Fixtures.context(policy: "restrictive")), logger: logger)
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let services = try WebhookServer.services(
                handler: handler, certificates: certificates, host: "127.0.0.1", port: 0, logger: logger,
                onListening: { continuation.yield($0) })
            let group = ServiceGroup(services: services, logger: logger)
            let task = Task { try await group.run() }
            var port = 0
            for await bound in ports {
                port = bound
                break
            }
            return RunningWebhook(directory: directory, port: port, certificates: certificates, caPEM: caPEM, group: group, task: task)
        }

        func stop() async {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// An HTTP client that trusts only `caPEM`.
    static func client(trusting caPEM: String) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static func post(_ client: HTTPClient, port: Int, path: String, review: AdmissionReview) async throws -> (status: UInt, review: AdmissionReview?) {
        var request = HTTPClientRequest(url: "https://localhost:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONValue(encoding: review).serializedJSON()))
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let decoded = try? JSONParser.parse(Data(buffer: body)).decode(as: AdmissionReview.self)
        return (response.status.code, decoded)
    }

    @Test("a client that trusts only the generated CA gets verdicts and patches; the certificate reloads when rotated")
    func https() async throws {
        let webhook = try await RunningWebhook.start()
        let client = try Self.client(trusting: webhook.caPEM)
        do {
            let health = try await client.execute(HTTPClientRequest(url: "https://localhost:\(webhook.port)/healthz"), timeout: .seconds(10))
            #expect(health.status == .ok)

            let denied = try await Self.post(
                client, port: webhook.port, path: AdmissionRoutes.validate,
                review: Fixtures.review(Fixtures.run(["toolPolicy": ["allow": ["write_file"]]])))
            #expect(denied.status == 200)
            #expect(denied.review?.response?.allowed == false)
            #expect(denied.review?.response?.result?.message?.contains("rule spec.toolGating.rules[tool=write_file]") == true)
            #expect(denied.review?.apiVersion == "admission.k8s.io/v1")

            let mutated = try await Self.post(client, port: webhook.port, path: AdmissionRoutes.mutate, review: Fixtures.review(Fixtures.run()))
            #expect(mutated.review?.response?.allowed == true)
            #expect(mutated.review?.response?.patchType == "JSONPatch")

            // Garbage is a 400 with a message, not a crash.
            var garbage = HTTPClientRequest(url: "https://localhost:\(webhook.port)\(AdmissionRoutes.validate)")
            garbage.method = .POST
            garbage.body = .bytes(ByteBuffer(string: "{not json"))
            let refused = try await client.execute(garbage, timeout: .seconds(10))
            #expect(refused.status == .badRequest)

            // Rotate: a new CA and certificate in the same directory; a client trusting only the new CA gets through.
            for file in ["tls.crt", "tls.key", "ca.crt"] { try? FileManager.default.removeItem(at: webhook.directory.appending(path: file)) }
            let (_, newCA) = try WebhookCertificates.selfSigned(in: webhook.directory, service: "sympozium-webhook", namespace: "sympozium-system")
            #expect(newCA != webhook.caPEM)
            #expect(webhook.certificates.reloadIfChanged())
            let rotatedClient = try Self.client(trusting: newCA)
            let afterRotation = try await rotatedClient.execute(
                HTTPClientRequest(url: "https://localhost:\(webhook.port)/healthz"), timeout: .seconds(10))
            #expect(afterRotation.status == .ok)
            try await rotatedClient.shutdown()
        } catch {
            try? await client.shutdown()
            await webhook.stop()
            throw error
        }
        try await client.shutdown()
        await webhook.stop()
    }

    @Test("the webhook configurations: AgentRun CREATE and UPDATE, failurePolicy Fail, sideEffects None, a timeout, the CA bundle")
    func manifests() throws {
        let manifests = WebhookManifests(caBundlePEM: "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n")
        let validating = manifests.validating()
        let mutating = manifests.mutating()
        for webhook in validating.webhooks + mutating.webhooks {
            #expect(webhook.failurePolicy == "Fail")
            #expect(webhook.sideEffects == "None")
            #expect(webhook.timeoutSeconds == 10)
            #expect(webhook.rules.first?.operations == ["CREATE", "UPDATE"])
            #expect(webhook.rules.first?.resources == ["agentruns"])
            #expect(webhook.clientConfig.caBundle?.isEmpty == false)
        }
        #expect(validating.webhooks.first?.clientConfig.service?.path == AdmissionRoutes.validate)
        #expect(mutating.webhooks.first?.clientConfig.service?.path == AdmissionRoutes.mutate)
        #expect(WebhookManifests().validating().metadata.annotations["cert-manager.io/inject-ca-from"] == "sympozium-system/sympozium-webhook")
    }
}
