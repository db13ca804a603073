import Foundation
import KubeModel
import SympoziumAPI

/// The Validating- and MutatingWebhookConfiguration that route AgentRun
/// CREATE and UPDATE to the webhook: failurePolicy Fail, sideEffects None.
public struct WebhookManifests: Sendable {
    public var serviceName = "sympozium-webhook"
    public var serviceNamespace = SympoziumGroup.systemNamespace
    public var port: Int32 = 443
    public var timeoutSeconds: Int32 = 10
    /// PEM CA bundle that signs the serving certificate; nil leaves caBundle to cert-manager's injector.
    public var caBundlePEM: String?

    public static let configurationName = "sympozium-agentrun-policy"
    public static let validatingWebhookName = "validate.agentrun.sympozium.ai"
    public static let mutatingWebhookName = "mutate.agentrun.sympozium.ai"

    public init(caBundlePEM: String? = nil) {
        self.caBundlePEM = caBundlePEM
    }

    public func validating() -> ValidatingWebhookConfiguration {
        ValidatingWebhookConfiguration(
            metadata: metadata, webhooks: [webhook(Self.validatingWebhookName, path: AdmissionRoutes.validate, reinvocation: nil)])
    }

    public func mutating() -> MutatingWebhookConfiguration {
        MutatingWebhookConfiguration(
            metadata: metadata, webhooks: [webhook(Self.mutatingWebhookName, path: AdmissionRoutes.mutate, reinvocation: "Never")])
    }

    private var metadata: ObjectMeta {
        var metadata = ObjectMeta(name: Self.configurationName, labels: ["app.kubernetes.io/part-of": "sympozium"])
        if caBundlePEM == nil {
            metadata.annotations["cert-manager.io/inject-ca-from"] = "\(serviceNamespace)/\(serviceName)"
        }
        return metadata
    }

    private func webhook(_ name: String, path: String, reinvocation: String?) -> AdmissionWebhook {
        AdmissionWebhook(
            name: name,
            clientConfig: WebhookClientConfig(
                service: ServiceReference(namespace: serviceNamespace, name: serviceName, path: path, port: port),
                caBundle: caBundlePEM.map { Data($0.utf8).base64EncodedString() }),
            rules: [
                RuleWithOperations(
                    operations: ["CREATE", "UPDATE"], apiGroups: [SympoziumGroup.name], apiVersions: [SympoziumGroup.version],
                    resources: [AgentRun.plural], scope: "Namespaced")
            ],
            failurePolicy: "Fail", sideEffects: "None", timeoutSeconds: timeoutSeconds, admissionReviewVersions: ["v1"],
            matchPolicy: "Equivalent", reinvocationPolicy: reinvocation)
    }
}

/// The webhook's HTTP paths.
public enum AdmissionRoutes {
    public static let validate = "/validate-agentrun"
    public static let mutate = "/mutate-agentrun"
    public static let health = "/healthz"
}
