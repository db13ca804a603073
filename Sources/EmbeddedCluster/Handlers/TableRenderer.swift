import APIMachinery
import Foundation
import Hummingbird
import KubeModel

/// meta.k8s.io/v1 Table responses (`kubectl get`), built by APIMachinery's printers.
struct TableRenderer: Sendable {
    func table(
        for objects: [StoredObject], type: ResourceType, resourceVersion: Int64, query: [String: String],
        continueToken: String? = nil
    ) throws -> Response {
        Responses.json(try tableData(for: objects, type: type, resourceVersion: resourceVersion, query: query, continueToken: continueToken))
    }

    func tableData(
        for objects: [StoredObject], type: ResourceType, resourceVersion: Int64, query: [String: String],
        continueToken: String? = nil
    ) throws -> Data {
        let include: IncludeObjectPolicy
        do { include = try IncludeObjectPolicy(queryValue: query["includeObject"]) } catch {
            throw APIError.badRequest(error.message)
        }
        let printer =
            type.isCustom
            ? ResourceTablePrinter.customResource(columns: type.printerColumns)
            : ResourceTablePrinter.forKind(group: type.group, kind: type.kind)
        let table = printer.table(
            for: try objects.map { try $0.object() },
            listMeta: ListMeta(resourceVersion: String(resourceVersion), continue: continueToken),
            includeObject: include)
        return try ObjectStore.encode(table)
    }
}
