import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension NATSBench {
    /// The server's own floor for sequential publish-with-ack: a minimal
    /// client on a blocking socket in a thread of its own (no runtime, no
    /// parsing beyond counting MSG lines). No client can beat this rate, so
    /// `floor / nats-py` is the highest sequential ratio there is.
    static func sequentialFloor(url: String, stream: String, messages: Int) async throws -> Double {
        guard let port = URL(string: url)?.port else { throw BenchNATSError("bad url \(url)") }
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try RawNATSConnection(port: port).sequentialRate(stream: stream, messages: messages) })
            }
            thread.start()
        }
    }
}

/// Just enough of the NATS protocol over a blocking socket to time round trips.
private final class RawNATSConnection {
    let fd: Int32
    var received: [UInt8] = []
    var replies = 0

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchNATSError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw BenchNATSError("connect() failed") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return write(fd, base + sent, raw.count - sent)
            }
            guard count > 0 else { throw BenchNATSError("write() failed") }
            sent += count
        }
    }

    /// Reads until `replies` reaches `count`, answering the server's PINGs.
    func awaitReplies(_ count: Int) throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while replies < count {
            let read = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard read > 0 else { throw BenchNATSError("the server closed the connection") }
            received += chunk[0..<read]
            try consumeLines()
        }
    }

    private func consumeLines() throws {
        var start = 0
        while let end = received[start...].firstIndex(of: 10) {
            let line = received[start..<end]
            if line.starts(with: "MSG ".utf8) {
                guard let space = line.lastIndex(of: 32),
                      let length = Int(String(decoding: line[(space + 1)...].filter { $0 != 13 }, as: UTF8.self))
                else { throw BenchNATSError("bad MSG line") }
                let next = end + 1 + length + 2
                guard next <= received.count else { break }
                replies += 1
                start = next
            } else {
                if line.starts(with: "PING".utf8) { try send("PONG\r\n") }
                if line.starts(with: "-ERR".utf8) { throw BenchNATSError(String(decoding: line, as: UTF8.self)) }
                start = end + 1
            }
        }
        received.removeFirst(start)
    }

    func sequentialRate(stream: String, messages: Int) throws -> Double {
        let subject = "bench.\(stream.lowercased())"
        let config = #"{"name":"\#(stream)","subjects":["\#(subject).>"],"storage":"file"}"#
        try send(#"CONNECT {"verbose":false,"pedantic":false,"headers":true}"# + "\r\nSUB _RAW.* 1\r\n")
        try send("PUB $JS.API.STREAM.CREATE.\(stream) _RAW.c \(config.utf8.count)\r\n\(config)\r\n")
        try awaitReplies(1)
        let payload = String(repeating: "x", count: NATSBench.payloadSize)
        let start = ContinuousClock.now
        for index in 0..<messages {
            try send("PUB \(subject).seq _RAW.\(index) \(NATSBench.payloadSize)\r\n\(payload)\r\n")
            try awaitReplies(replies + 1)
        }
        let elapsed = ContinuousClock.now - start
        try send("PUB $JS.API.STREAM.DELETE.\(stream) _RAW.d 0\r\n\r\n")
        try awaitReplies(replies + 1)
        return Double(messages) / elapsed.seconds
    }
}
