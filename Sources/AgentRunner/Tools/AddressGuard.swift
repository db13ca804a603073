import Foundation

/// Refuses link-local and cloud-metadata destinations for `fetch_url`, after
/// resolving the host name (so a name pointing at 169.254.169.254 is refused
/// too). Checked on every redirect hop.
enum AddressGuard {
    struct Refused: ToolFailure {
        var description: String
    }

    /// Metadata services reached by name.
    static let blockedHostNames: Set<String> = [
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
    ]

    /// The host's addresses, all of them allowed; throws when any is refused
    /// or the name does not resolve.
    static func vet(host rawHost: String) async throws -> [String] {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { throw Refused(description: "the URL has no host") }
        if blockedHostNames.contains(host) {
            throw Refused(description: "access denied: \(rawHost) is a cloud metadata service")
        }
        let addresses: [String]
        if parseIPv4(host) != nil || parseIPv6(host) != nil {
            addresses = [host]
        } else {
            let name = host
            addresses = await BlockingWork.run("fetch-url-resolve") { resolve(name) }
            guard !addresses.isEmpty else { throw Refused(description: "cannot resolve host \(rawHost)") }
        }
        for address in addresses {
            if let reason = refusal(address) {
                throw Refused(description: "access denied: \(rawHost) resolves to \(address), \(reason)")
            }
        }
        return addresses
    }

    /// Why an address is refused, or nil when it is allowed.
    static func refusal(_ address: String) -> String? {
        if let v4 = parseIPv4(address) { return refusal(ipv4: v4) }
        guard let v6 = parseIPv6(address) else { return "not an IP address" }
        if v6[0] == 0xFE, v6[1] & 0xC0 == 0x80 { return "a link-local address (fe80::/10)" }
        // fd00:ec2::254, the AWS metadata service over IPv6.
        if v6 == [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] { return "the cloud metadata service" }
        // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses carry an IPv4 address.
        let mapped = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF
        let nat64 = v6[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0][...]
        if mapped || nat64 { return refusal(ipv4: Array(v6[12..<16])) }
        return nil
    }

    private static func refusal(ipv4 bytes: [UInt8]) -> String? {
        if bytes[0] == 169, bytes[1] == 254 {
            return bytes[2] == 169 && bytes[3] == 254 ? "the cloud metadata service" : "a link-local address (169.254.0.0/16)"
        }
        if bytes == [100, 100, 100, 200] { return "the cloud metadata service" }
        return nil
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// getaddrinfo; blocking, so it runs on its own thread.
    private static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            if let sockaddr = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        var address = pointer.pointee.sin_addr
                        _ = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                    }
                case AF_INET6:
                    sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        var address = pointer.pointee.sin6_addr
                        _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                    }
                default: break
                }
            }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.isEmpty, !addresses.contains(text) { addresses.append(text) }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}
