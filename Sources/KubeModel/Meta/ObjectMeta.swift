/// metav1.ObjectMeta: the metadata every persisted object carries.
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    @OmitEmpty public var labels: [String: String] = [:]
    @OmitEmpty public var annotations: [String: String] = [:]
    @OmitEmpty public var ownerReferences: [OwnerReference] = []
    @OmitEmpty public var finalizers: [String] = []
    /// Server-side apply bookkeeping, kept opaque.
    @OmitEmpty public var managedFields: [JSONValue] = []

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
        resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: Time? = nil,
        deletionTimestamp: Time? = nil, deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:],
        ownerReferences: [OwnerReference] = [], finalizers: [String] = [], managedFields: [JSONValue] = []
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }

    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences.first { $0.controller == true }
    }

    public var isBeingDeleted: Bool { deletionTimestamp != nil }
}

/// metav1.ListMeta.
public struct ListMeta: Codable, Hashable, Sendable {
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?
    public var selfLink: String?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// metav1.OwnerReference.
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}
