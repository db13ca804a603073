import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive HTTP/1.1 connection over a blocking socket: the lightest
/// possible client, so the benchmark measures the server.
/// Used by one thread at a time (handed from the creating thread to a reader).
final class RawHTTPConnection: @unchecked Sendable {
    private let socket: Int32
    private var buffer = [UInt8]()
    private let host: String

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int) throws {
        host = "127.0.0.1:\(port)"
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw BenchError(description: "connect() to \(host) failed") }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socket) }

    func send(_ method: String, _ path: String, token: String, body: String? = nil) throws {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n"
        request += "Accept: application/json\r\n"
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        request += "\r\n" + (body ?? "")
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw BenchError(description: "send() failed") }
            sent += written
        }
    }

    /// Reads one response; returns its status and body.
    func readResponse() throws -> (status: Int, body: [UInt8]) {
        let headerEnd = try readUntil([13, 10, 13, 10])
        let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        let lines = header.split(separator: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let fields = lines.dropFirst().map { $0.lowercased() }
        if let length = fields.first(where: { $0.hasPrefix("content-length:") }).flatMap({ Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) }) {
            try fill(length)
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return (status, body)
        }
        var body: [UInt8] = []
        while let chunk = try readChunk() { body += chunk }
        return (status, body)
    }

    /// Next chunk of a chunked body; nil at the terminating chunk.
    func readChunk() throws -> [UInt8]? {
        let lineEnd = try readUntil([13, 10])
        let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
        buffer.removeFirst(lineEnd + 2)
        guard let size = Int(sizeText, radix: 16) else { throw BenchError(description: "bad chunk size \(sizeText)") }
        try fill(size + 2)
        let chunk = Array(buffer[..<size])
        buffer.removeFirst(size + 2)
        return size == 0 ? nil : chunk
    }

    /// Reads the response head of a streaming response.
    func readHead() throws -> Int {
        let headerEnd = try readUntil([13, 10, 13, 10])
        let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        return header.split(separator: "\r\n").first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= marker.count {
                for index in searchFrom...(buffer.count - marker.count) where buffer[index..<(index + marker.count)].elementsEqual(marker) {
                    return index
                }
                searchFrom = max(0, buffer.count - marker.count + 1)
            }
            try receive()
        }
    }

    private func fill(_ count: Int) throws {
        while buffer.count < count { try receive() }
    }

    private func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard received > 0 else { throw BenchError(description: "connection closed") }
        buffer.append(contentsOf: chunk[..<received])
    }
}
