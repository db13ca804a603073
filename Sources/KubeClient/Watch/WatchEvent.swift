import KubeModel

/// One event of a watch stream.
public enum WatchEvent<R: KubernetesResource>: Sendable {
    case added(R)
    case modified(R)
    case deleted(R)
    /// The server's progress mark: resume from this version.
    case bookmark(resourceVersion: String)
    /// An ERROR event (410 Gone when the version is too old).
    case error(Status)
}

/// Decodes `{"type": ..., "object": ...}`, choosing the object's type by the
/// event type: bookmarks carry only metadata, errors carry a Status.
struct WatchEventLine<R: KubernetesResource>: Decodable {
    var event: WatchEvent<R>

    private enum CodingKeys: String, CodingKey { case type, object }

    private struct BookmarkObject: Decodable {
        struct Metadata: Decodable { var resourceVersion: String? }
        var metadata: Metadata?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": event = .added(try container.decode(R.self, forKey: .object))
        case "MODIFIED": event = .modified(try container.decode(R.self, forKey: .object))
        case "DELETED": event = .deleted(try container.decode(R.self, forKey: .object))
        case "BOOKMARK":
            let object = try container.decode(BookmarkObject.self, forKey: .object)
            event = .bookmark(resourceVersion: object.metadata?.resourceVersion ?? "")
        case "ERROR": event = .error(try container.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown watch event type \(type)")
        }
    }
}
