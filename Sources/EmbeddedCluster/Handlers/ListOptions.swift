import APIMachinery
import Foundation
import KubeModel

/// Query parameters of list and watch requests.
struct ListOptions: Sendable {
    var labelSelector: LabelSelectorQuery?
    var fieldSelector: FieldSelectorQuery?
    var limit: Int?
    var continueKey: ObjectKey?
    var resourceVersion: Int64?
    var timeoutSeconds: Int?
    var allowBookmarks = false

    init(query: [String: String]) throws {
        if let text = query["labelSelector"], !text.isEmpty {
            do { labelSelector = try LabelSelectorQuery(parsing: text) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error)")
            }
        }
        if let text = query["fieldSelector"], !text.isEmpty {
            do { fieldSelector = try FieldSelectorQuery(parsing: text) } catch {
                throw APIError.badRequest("\(error)")
            }
        }
        if let text = query["limit"], let value = Int(text), value > 0 { limit = value }
        if let text = query["continue"], !text.isEmpty { continueKey = try Self.decodeContinue(text) }
        if let text = query["resourceVersion"], !text.isEmpty {
            guard let value = Int64(text) else {
                throw APIError.badRequest("invalid resource version \"\(text)\"")
            }
            resourceVersion = value
        }
        if let text = query["timeoutSeconds"], let value = Int(text) { timeoutSeconds = value }
        allowBookmarks = query["allowWatchBookmarks"] == "true"
    }

    /// Whether a stored object passes both selectors.
    func matches(_ object: StoredObject) -> Bool {
        if let labelSelector, !labelSelector.matches(object.labels) { return false }
        if let fieldSelector {
            var fields = object.fields
            fields["metadata.name"] = object.key.name
            fields["metadata.namespace"] = object.key.namespace
            if !fieldSelector.matches(fields) { return false }
        }
        return true
    }

    static func encodeContinue(after key: ObjectKey) -> String {
        let raw = Data("\(key.namespace)/\(key.name)".utf8).base64EncodedString()
        return raw.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeContinue(_ token: String) throws -> ObjectKey {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let slash = text.firstIndex(of: "/")
        else { throw APIError.badRequest("continue key is not valid: illegal base64 data") }
        return ObjectKey(namespace: String(text[..<slash]), name: String(text[text.index(after: slash)...]))
    }
}
