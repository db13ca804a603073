/// A typed list (`PodList`, `AgentRunList`, ...).
public struct ObjectList<Item: KubernetesResource>: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    /// Always encoded, even when empty, as Kubernetes does.
    public var items: [Item]

    public init(metadata: ListMeta = ListMeta(), items: [Item] = []) {
        self.apiVersion = Item.apiVersion
        self.kind = Item.listKind
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(items, forKey: .items)
    }
}
