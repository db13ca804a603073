import APIMachinery
import Foundation
import Hummingbird
import KubeModel
import Logging
import NIOCore

/// Streams watch events as newline-delimited JSON, as the Kubernetes API does.
struct WatchHandler: Sendable {
    let store: ObjectStore
    let tables: TableRenderer
    let logger: Logger
    /// Longest a watch stays open when the client sets no timeoutSeconds.
    var defaultTimeout: Duration = .seconds(1800)
    var bookmarkInterval: Duration = .seconds(10)

    private enum Item: Sendable {
        case event(WatchEvent)
        case bookmark
        case end
    }

    func watch(
        _ type: ResourceType, namespace: String?, name: String?, query: [String: String], table: Bool
    ) async throws -> Response {
        var options = try ListOptions(query: query)
        if let name {
            options.fieldSelector = try FieldSelectorQuery(parsing: "metadata.name=\(name)")
        }
        let from = options.resourceVersion.flatMap { $0 == 0 ? nil : $0 }
        let filter = options
        let (id, events) = try await store.watch(type.key, namespace: namespace, from: from) { filter.matches($0) }
        let timeout = options.timeoutSeconds.map { Duration.seconds($0) } ?? defaultTimeout
        let bookmarks = options.allowBookmarks
        let interval = bookmarkInterval
        let store = self.store
        let tables = self.tables
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-cache, private"
        let body = ResponseBody { writer in
            let (items, continuation) = AsyncStream<Item>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events { continuation.yield(.event(event)) }
                    continuation.yield(.end)
                }
                group.addTask {
                    let clock = ContinuousClock()
                    let deadline = clock.now.advanced(by: timeout)
                    while clock.now < deadline {
                        try await Task.sleep(for: min(interval, clock.now.duration(to: deadline)))
                        if bookmarks { continuation.yield(.bookmark) }
                    }
                    continuation.yield(.end)
                }
                defer {
                    group.cancelAll()
                    continuation.finish()
                }
                loop: for await item in items {
                    switch item {
                    case .event(let event):
                        try await writer.write(try Self.frame(event, type: type, table: table, tables: tables, query: query))
                    case .bookmark:
                        let version = await store.resourceVersion
                        try await writer.write(Self.bookmark(type: type, resourceVersion: version))
                    case .end:
                        break loop
                    }
                }
                await store.stopWatch(id)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func frame(
        _ event: WatchEvent, type: ResourceType, table: Bool, tables: TableRenderer, query: [String: String]
    ) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString(#"{"type":"\#(event.type.rawValue)","object":"#)
        if table {
            buffer.writeBytes(try tables.tableData(for: [event.object], type: type, resourceVersion: event.resourceVersion, query: query))
        } else {
            buffer.writeBytes(event.object.json)
        }
        buffer.writeString("}\n")
        return buffer
    }

    static func bookmark(type: ResourceType, resourceVersion: Int64) -> ByteBuffer {
        ByteBuffer(
            string: #"{"type":"BOOKMARK","object":{"apiVersion":"\#(type.apiVersion)","kind":"\#(type.kind)","metadata":{"resourceVersion":"\#(resourceVersion)"}}}"# + "\n")
    }
}
