import Foundation

/// admission.k8s.io/v1 AdmissionReview: the envelope of a webhook call.
///
/// Not a `KubernetesResource`: it has no metadata and is never stored.
public struct AdmissionReview: Codable, Hashable, Sendable {
    public static let apiVersion = "admission.k8s.io/v1"
    public static let kind = "AdmissionReview"

    public var apiVersion: String?
    public var kind: String?
    /// Set by the API server on the way in.
    public var request: AdmissionRequest?
    /// Set by the webhook on the way back.
    public var response: AdmissionResponse?

    public init(request: AdmissionRequest? = nil, response: AdmissionResponse? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.request = request
        self.response = response
    }
}

/// admission.k8s.io/v1 Operation.
public struct AdmissionOperation: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let create: AdmissionOperation = "CREATE"
    public static let update: AdmissionOperation = "UPDATE"
    public static let delete: AdmissionOperation = "DELETE"
    public static let connect: AdmissionOperation = "CONNECT"
    public static let knownValues: [AdmissionOperation] = [.create, .update, .delete, .connect]
}

/// admission.k8s.io/v1 AdmissionRequest.
public struct AdmissionRequest: Codable, Hashable, Sendable {
    /// Copied into the response so the API server can match it.
    public var uid: String
    public var kind: GroupVersionKind
    public var resource: GroupVersionResource
    public var subResource: String?
    public var requestKind: GroupVersionKind?
    public var requestResource: GroupVersionResource?
    public var requestSubResource: String?
    public var name: String?
    public var namespace: String?
    public var operation: AdmissionOperation
    public var userInfo: UserInfo
    /// The object as it would be stored (absent for DELETE).
    public var object: JSONValue?
    /// The existing object (UPDATE and DELETE).
    public var oldObject: JSONValue?
    public var dryRun: Bool?
    /// The CreateOptions, UpdateOptions or DeleteOptions of the operation.
    public var options: JSONValue?

    public init(
        uid: String, kind: GroupVersionKind, resource: GroupVersionResource, subResource: String? = nil,
        requestKind: GroupVersionKind? = nil, requestResource: GroupVersionResource? = nil,
        requestSubResource: String? = nil, name: String? = nil, namespace: String? = nil,
        operation: AdmissionOperation, userInfo: UserInfo = UserInfo(), object: JSONValue? = nil,
        oldObject: JSONValue? = nil, dryRun: Bool? = nil, options: JSONValue? = nil
    ) {
        self.uid = uid
        self.kind = kind
        self.resource = resource
        self.subResource = subResource
        self.requestKind = requestKind
        self.requestResource = requestResource
        self.requestSubResource = requestSubResource
        self.name = name
        self.namespace = namespace
        self.operation = operation
        self.userInfo = userInfo
        self.object = object
        self.oldObject = oldObject
        self.dryRun = dryRun
        self.options = options
    }
}

/// admission.k8s.io/v1 AdmissionResponse.
public struct AdmissionResponse: Codable, Hashable, Sendable {
    public var uid: String
    public var allowed: Bool
    /// Why the request was denied (message, reason, code).
    public var result: Status?
    /// Base64-encoded patch, as on the wire.
    public var patch: String?
    /// "JSONPatch" when `patch` is set.
    public var patchType: String?
    @OmitEmpty public var auditAnnotations: [String: String] = [:]
    @OmitEmpty public var warnings: [String] = []

    public init(
        uid: String, allowed: Bool, result: Status? = nil, patch: String? = nil, patchType: String? = nil,
        auditAnnotations: [String: String] = [:], warnings: [String] = []
    ) {
        self.uid = uid
        self.allowed = allowed
        self.result = result
        self.patch = patch
        self.patchType = patchType
        self.auditAnnotations = auditAnnotations
        self.warnings = warnings
    }

    /// Admits the request.
    public static func allow(uid: String, warnings: [String] = []) -> AdmissionResponse {
        AdmissionResponse(uid: uid, allowed: true, warnings: warnings)
    }

    /// Rejects the request with a message (403 Forbidden unless another code is given).
    public static func deny(
        uid: String, message: String, reason: StatusReason = .forbidden, code: Int32 = 403
    ) -> AdmissionResponse {
        AdmissionResponse(
            uid: uid, allowed: false, result: Status(status: "Failure", message: message, reason: reason, code: code))
    }

    /// The decoded patch bytes (a JSON Patch document), if any.
    public var decodedPatch: Data? {
        patch.flatMap { Data(base64Encoded: $0) }
    }

    /// Sets a JSON Patch (RFC 6902) document, base64-encoding it.
    public mutating func setJSONPatch(_ document: Data) {
        patch = document.base64EncodedString()
        patchType = "JSONPatch"
    }
}
