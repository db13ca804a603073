import Admission
import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import Logging
import ServiceLifecycle

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Serve the SympoziumPolicy admission webhook over HTTPS.",
        discussion: """
            Answers AdmissionReview v1 requests for AgentRuns at /mutate-agentrun (inject the sandbox, \
            derive the tool policy, label the run) and /validate-agentrun (refuse runs that break their \
            instance's SympoziumPolicy), and /healthz.

            The serving certificate is tls.crt and tls.key in --cert-dir (a mounted Secret, as cert-manager \
            writes it) and is reloaded when the files change. With --self-signed, a CA and a certificate for \
            the webhook Service are generated into --cert-dir when missing, and --register writes the \
            Validating- and MutatingWebhookConfiguration with that CA as caBundle.

            Example (in a cluster, with cert-manager):
              sympozium webhook --cert-dir /etc/sympozium/webhook-certs
            Example (no cert-manager):
              sympozium webhook --self-signed --register --cert-dir /var/lib/sympozium/webhook
            """)

    @Option(help: "Port to serve HTTPS on.")
    var port = 9443

    @Option(help: ArgumentHelp("Directory holding tls.crt and tls.key.", valueName: "dir"))
    var certDir = "/etc/sympozium/webhook-certs"

    @Flag(help: "Generate a CA and serving certificate into --cert-dir when none is there.")
    var selfSigned = false

    @Flag(help: "Write the webhook configurations (with the generated CA) to the cluster at start.")
    var register = false

    @Option(help: "Name of the webhook's Service (certificate names and configurations).")
    var serviceName = "sympozium-webhook"

    @Option(help: "Namespace of the webhook's Service.")
    var serviceNamespace = "sympozium-system"

    @Option(help: "Sandbox image injected when a policy requires a sandbox and names none.")
    var defaultSandboxImage = PolicyEngine.Configuration().defaultSandboxImage

    @Option(help: ArgumentHelp("Path of a kubeconfig file (default: in-cluster, then KUBECONFIG).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        try LogLevelOption.validate(logLevel)
        if register && !selfSigned {
            throw ValidationError("--register needs --self-signed: with mounted certificates, cert-manager injects the CA bundle")
        }
    }

    func run() async throws {
        var configured = Logger(label: "sympozium.webhook")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = configured
        let directory = URL(fileURLWithPath: (certDir as NSString).expandingTildeInPath)
        let certificates: WebhookCertificates
        var caPEM: String?
        do {
            if selfSigned {
                (certificates, caPEM) = try WebhookCertificates.selfSigned(in: directory, service: serviceName, namespace: serviceNamespace)
            } else {
                certificates = try WebhookCertificates(directory: directory)
            }
        } catch {
            throw ValidationError(
                "cannot load the serving certificate from \(directory.path) (tls.crt, tls.key): \(error). Mount the webhook's TLS Secret there, or pass --self-signed.")
        }
        let client = try KubeClient(
            kubeconfig.map { try ClientConfiguration.fromKubeconfig(paths: [$0]) } ?? ClientConfiguration.infer(), logger: logger)
        if register, let caPEM {
            var manifests = WebhookManifests(caBundlePEM: caPEM)
            manifests.serviceName = serviceName
            manifests.serviceNamespace = serviceNamespace
            try await WebhookRegistration.apply(manifests, client: client)
            logger.info("registered the webhook configurations", metadata: ["name": "\(WebhookManifests.configurationName)"])
        }
        let engine = PolicyEngine(configuration: .init(defaultSandboxImage: defaultSandboxImage))
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(engine: engine, source: KubePolicyContext(client: client)), logger: logger)
        let services = try WebhookServer.services(
            handler: handler, certificates: certificates, port: port, logger: logger,
            onListening: { port in logger.info("webhook serving", metadata: ["port": "\(port)"]) })
        try await ServiceRunner.run(services, client: client, logger: logger)
    }
}

/// Writes the webhook configurations server-side.
enum WebhookRegistration {
    static func apply(_ manifests: WebhookManifests, client: KubeClient) async throws {
        let objects = [try JSONValue(encoding: manifests.validating()), try JSONValue(encoding: manifests.mutating())]
        try await ManifestApplier(client: client, fieldManager: "sympozium-webhook").apply(objects)
    }
}
