import Foundation
import Hummingbird
import KubeModel

/// /openapi/v3 documents. Custom resources publish their CRD schema; built-in
/// kinds publish an open schema (the server validates them itself). Every
/// resource path advertises the `fieldValidation` parameter, so kubectl leaves
/// field validation to the server.
struct OpenAPIDocuments: Sendable {
    let registry: ResourceRegistry

    func respond(parts: [String]) throws -> Response {
        guard parts.count >= 2, parts[1] == "v3" else {
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        if parts.count == 2 { return Responses.json(root) }
        let groupVersion = parts.dropFirst(2).joined(separator: "/")
        guard let document = document(for: groupVersion) else {
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let data = (try? ObjectStore.encode(document)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: .init(bytes: data)))
    }

    private var fingerprint: String {
        let text = registry.all.map { "\($0.key)@\($0.version):\($0.schema.map { "\($0.root.hashValue)" } ?? "")" }.joined(separator: ",")
        return String(UInt64(bitPattern: Int64(text.hashValue)), radix: 16)
    }

    var root: JSONValue {
        var paths: [String: JSONValue] = [:]
        let hash = fingerprint
        for (group, version) in registry.groupVersions {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    func document(for groupVersion: String) -> JSONValue? {
        let segments = groupVersion.split(separator: "/").map(String.init)
        let (group, version): (String, String)
        switch (segments.first, segments.count) {
        case ("api", 2): (group, version) = ("", segments[1])
        case ("apis", 3): (group, version) = (segments[1], segments[2])
        default: return nil
        }
        let types = registry.all.filter { $0.group == group && $0.version == version }
        guard !types.isEmpty else { return nil }
        var schemas: [String: JSONValue] = [:]
        var paths: [String: JSONValue] = [:]
        let fieldValidation: JSONValue = [
            "name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true],
            "description": "Strict, Warn or Ignore: how unknown or duplicate fields are handled.",
        ]
        for type in types where !type.isVirtual {
            let schemaName = Self.schemaName(type)
            var schema: JSONValue
            if let crdSchema = type.schema, let encoded = try? JSONValue(encoding: crdSchema.root) {
                schema = encoded
            } else {
                schema = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
            }
            schema["x-kubernetes-group-version-kind"] = [
                ["group": .string(group), "version": .string(version), "kind": .string(type.kind)]
            ]
            schemas[schemaName] = schema
            let base = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
            let collection = type.namespaced ? "\(base)/namespaces/{namespace}/\(type.plural)" : "\(base)/\(type.plural)"
            let reference: JSONValue = ["$ref": .string("#/components/schemas/\(schemaName)")]
            let body: JSONValue = ["content": ["application/json": ["schema": reference]]]
            let gvk: JSONValue = ["group": .string(group), "version": .string(version), "kind": .string(type.kind)]
            func operation(_ action: String) -> JSONValue {
                ["parameters": [fieldValidation], "requestBody": body, "x-kubernetes-action": .string(action),
                 "x-kubernetes-group-version-kind": gvk, "responses": ["200": ["description": "OK"]]]
            }
            paths[collection] = ["post": operation("post")]
            paths["\(collection)/{name}"] = ["put": operation("put"), "patch": operation("patch")]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Sympozium embedded control plane", "version": "v1.32.0"],
            "paths": .object(paths), "components": ["schemas": .object(schemas)],
        ]
    }

    static func schemaName(_ type: ResourceType) -> String {
        let group = type.group.isEmpty ? "core" : type.group.split(separator: ".").reversed().joined(separator: ".")
        return "\(group).\(type.version).\(type.kind)"
    }
}
