/// admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration.
public struct ValidatingWebhookConfiguration: KubernetesResource {
    public static let group = "admissionregistration.k8s.io"
    public static let version = "v1"
    public static let kind = "ValidatingWebhookConfiguration"
    public static let plural = "validatingwebhookconfigurations"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var webhooks: [AdmissionWebhook] = []

    public init(metadata: ObjectMeta = ObjectMeta(), webhooks: [AdmissionWebhook] = []) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.webhooks = webhooks
    }
}

/// admissionregistration.k8s.io/v1 MutatingWebhookConfiguration.
public struct MutatingWebhookConfiguration: KubernetesResource {
    public static let group = "admissionregistration.k8s.io"
    public static let version = "v1"
    public static let kind = "MutatingWebhookConfiguration"
    public static let plural = "mutatingwebhookconfigurations"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var webhooks: [AdmissionWebhook] = []

    public init(metadata: ObjectMeta = ObjectMeta(), webhooks: [AdmissionWebhook] = []) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.webhooks = webhooks
    }
}

/// One webhook of a Validating- or MutatingWebhookConfiguration (the fields
/// the two share; `reinvocationPolicy` applies to mutating webhooks only).
public struct AdmissionWebhook: Codable, Hashable, Sendable {
    public var name: String
    public var clientConfig: WebhookClientConfig
    @OmitEmpty public var rules: [RuleWithOperations] = []
    /// "Fail" or "Ignore".
    public var failurePolicy: String?
    /// "None" or "NoneOnDryRun".
    public var sideEffects: String
    public var timeoutSeconds: Int32?
    @OmitEmpty public var admissionReviewVersions: [String] = []
    /// "Exact" or "Equivalent".
    public var matchPolicy: String?
    public var namespaceSelector: LabelSelector?
    public var objectSelector: LabelSelector?
    /// "Never" or "IfNeeded" (mutating webhooks only).
    public var reinvocationPolicy: String?

    public init(
        name: String, clientConfig: WebhookClientConfig, rules: [RuleWithOperations] = [], failurePolicy: String? = nil,
        sideEffects: String = "None", timeoutSeconds: Int32? = nil, admissionReviewVersions: [String] = ["v1"],
        matchPolicy: String? = nil, namespaceSelector: LabelSelector? = nil, objectSelector: LabelSelector? = nil,
        reinvocationPolicy: String? = nil
    ) {
        self.name = name
        self.clientConfig = clientConfig
        self.rules = rules
        self.failurePolicy = failurePolicy
        self.sideEffects = sideEffects
        self.timeoutSeconds = timeoutSeconds
        self.admissionReviewVersions = admissionReviewVersions
        self.matchPolicy = matchPolicy
        self.namespaceSelector = namespaceSelector
        self.objectSelector = objectSelector
        self.reinvocationPolicy = reinvocationPolicy
    }
}

public struct WebhookClientConfig: Codable, Hashable, Sendable {
    public var url: String?
    public var service: ServiceReference?
    /// Base64 of the PEM CA bundle that signs the webhook's serving certificate.
    public var caBundle: String?

    public init(url: String? = nil, service: ServiceReference? = nil, caBundle: String? = nil) {
        self.url = url
        self.service = service
        self.caBundle = caBundle
    }
}

/// admissionregistration.k8s.io/v1 ServiceReference.
public struct ServiceReference: Codable, Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var path: String?
    public var port: Int32?

    public init(namespace: String, name: String, path: String? = nil, port: Int32? = nil) {
        self.namespace = namespace
        self.name = name
        self.path = path
        self.port = port
    }
}

public struct RuleWithOperations: Codable, Hashable, Sendable {
    @OmitEmpty public var operations: [String] = []
    @OmitEmpty public var apiGroups: [String] = []
    @OmitEmpty public var apiVersions: [String] = []
    @OmitEmpty public var resources: [String] = []
    /// "*", "Cluster" or "Namespaced".
    public var scope: String?

    public init(operations: [String], apiGroups: [String], apiVersions: [String], resources: [String], scope: String? = nil) {
        self.operations = operations
        self.apiGroups = apiGroups
        self.apiVersions = apiVersions
        self.resources = resources
        self.scope = scope
    }
}
