import Foundation

/// Decoding options of the object model.
public enum KubeDecoding {
    /// The userInfo key that, set to `false`, skips `metadata.managedFields`.
    /// (The initializer is failable in signature only.)
    static let managedFieldsKey = CodingUserInfoKey(rawValue: "sympozium.ai/decodesManagedFields")

    /// Makes `decoder` skip `metadata.managedFields`. Caches never read them,
    /// and their field trees are often most of a small object's decoding time.
    public static func skipManagedFields(in decoder: JSONDecoder) {
        if let key = managedFieldsKey { decoder.userInfo[key] = false }
    }

    static func decodesManagedFields(_ decoder: any Decoder) -> Bool {
        guard let key = managedFieldsKey else { return true }
        return decoder.userInfo[key] as? Bool != false
    }
}

extension ObjectMeta {
    enum CodingKeys: String, CodingKey {
        case name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp,
             deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, managedFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decodeIfPresent(String.self, forKey: .name),
            generateName: try container.decodeIfPresent(String.self, forKey: .generateName),
            namespace: try container.decodeIfPresent(String.self, forKey: .namespace),
            uid: try container.decodeIfPresent(String.self, forKey: .uid),
            resourceVersion: try container.decodeIfPresent(String.self, forKey: .resourceVersion),
            generation: try container.decodeIfPresent(Int64.self, forKey: .generation),
            creationTimestamp: try container.decodeIfPresent(Time.self, forKey: .creationTimestamp),
            deletionTimestamp: try container.decodeIfPresent(Time.self, forKey: .deletionTimestamp),
            deletionGracePeriodSeconds: try container.decodeIfPresent(Int64.self, forKey: .deletionGracePeriodSeconds),
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:],
            annotations: try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:],
            ownerReferences: try container.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences) ?? [],
            finalizers: try container.decodeIfPresent([String].self, forKey: .finalizers) ?? [])
        if KubeDecoding.decodesManagedFields(decoder) {
            managedFields = try container.decodeIfPresent([JSONValue].self, forKey: .managedFields) ?? []
        }
    }
}
