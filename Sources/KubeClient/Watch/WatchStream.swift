import AsyncHTTPClient
import Foundation
import KubeModel
import NIOCore

/// The events of one watch request, decoded line by line as they arrive.
/// It ends when the server closes the stream (timeoutSeconds elapsed).
public struct WatchStream<R: KubernetesResource>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<R>
    let body: HTTPClientResponse.Body
    let decodesManagedFields: Bool
    /// Longest accepted event line.
    static var maxLineBytes: Int { 64 * 1024 * 1024 }

    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body.makeAsyncIterator(), decodesManagedFields: decodesManagedFields)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator
        var buffer: [UInt8] = []
        var start = 0
        let decoder = JSONDecoder()

        init(body: HTTPClientResponse.Body.AsyncIterator, decodesManagedFields: Bool) {
            self.body = body
            if !decodesManagedFields { KubeDecoding.skipManagedFields(in: decoder) }
        }

        public mutating func next() async throws -> WatchEvent<R>? {
            while true {
                if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[start..<newline]
                    start = newline + 1
                    if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
                    return try decode(line)
                }
                if start > 0 {
                    buffer.removeFirst(start)
                    start = 0
                }
                guard buffer.count <= WatchStream.maxLineBytes else {
                    throw KubeClientError(.decoding, "a watch event is larger than \(WatchStream.maxLineBytes) bytes")
                }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body.next()
                } catch {
                    if error is CancellationError { throw error }
                    throw KubeClientError(.transport, "the watch stream broke: \(error)")
                }
                guard let chunk else {
                    // A final line without a newline still counts.
                    guard !buffer.isEmpty else { return nil }
                    let line = buffer[...]
                    buffer.removeAll()
                    return try decode(line)
                }
                buffer.append(contentsOf: chunk.readableBytesView)
            }
        }

        private func decode(_ line: ArraySlice<UInt8>) throws -> WatchEvent<R> {
            do {
                return try decoder.decode(WatchEventLine<R>.self, from: Data(line)).event
            } catch {
                throw KubeClientError(.decoding, "an undecodable \(R.kind) watch event: \(error)")
            }
        }
    }
}

extension Api {
    /// Watches changes after `resourceVersion` (nil: the current state first,
    /// as ADDED events). The stream ends when the server's timeout elapses.
    public func watch(
        _ parameters: ListParameters = ListParameters(), resourceVersion: String?, bookmarks: Bool = true
    ) async throws -> WatchStream<R> {
        WatchStream(
            body: try await verbs.watch(parameters, resourceVersion: resourceVersion, bookmarks: bookmarks),
            decodesManagedFields: decodesManagedFields)
    }
}
