import APIMachinery
import Foundation
import KubeModel
import KubeYAML

/// Decodes request bodies: JSON or YAML objects, refusing anything else clearly.
enum RequestBody {
    static func decode(_ data: Data, contentType: String?) throws -> JSONValue {
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "application/json"
        switch mediaType {
        case "application/json", "", "*/*":
            return try decodeJSON(data)
        case "application/yaml", "application/x-yaml", "text/yaml":
            guard let text = String(data: data, encoding: .utf8) else {
                throw APIError.badRequest("the request body is not valid UTF-8")
            }
            do {
                return try YAMLReader.parse(text)
            } catch {
                throw APIError.badRequest("error converting YAML to JSON: \(error.message)")
            }
        case KubernetesProtobuf.mediaType:
            do {
                return try KubernetesProtobuf.decode(Array(data))
            } catch {
                throw APIError(error.status)
            }
        default:
            throw APIError.unsupportedMediaType(mediaType)
        }
    }

    static func decodeJSON(_ data: Data) throws -> JSONValue {
        guard !data.isEmpty else { throw APIError.badRequest("the request body is empty") }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw APIError.badRequest("the body of the request is not valid JSON: \(error)")
        }
    }
}
