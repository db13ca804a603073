import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `fetch_url`: GET a web page or API. HTML becomes readable text, JSON is
/// returned as is. At most 5 redirects and 30 s; link-local and cloud
/// metadata addresses are refused after resolving the host, on every hop.
public struct FetchURLTool: AgentTool {
    public static let name = "fetch_url"
    public static let defaultMaxChars = 50_000
    public static let maxMaxChars = 100_000
    public static let maxRedirects = 5
    public static let timeout: Duration = .seconds(30)
    /// Bytes read from a body before it is cut.
    public static let maxBodyBytes = 2 << 20

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description:
                "Fetch a web page or API endpoint over http(s). HTML is returned as readable plain text, JSON as is. Follows up to 5 redirects; 30 second timeout.",
            parameters: ToolArguments.schema(
                [
                    "url": ["type": "string", "description": "The http:// or https:// URL to fetch."],
                    "maxChars": ["type": "integer", "description": "Maximum characters to return (default 50000, at most 100000)."],
                    "headers": [
                        "type": "object", "description": "Extra request headers, e.g. {\"Authorization\": \"Bearer ...\"}.",
                        "additionalProperties": ["type": "string"],
                    ],
                ], required: ["url"]))
    }

    struct Arguments: Decodable {
        var url: String
        var maxChars: Int?
        var headers: [String: String]?
    }

    struct Failure: ToolFailure {
        var description: String
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            let maxChars = min(max(arguments.maxChars ?? Self.defaultMaxChars, 1), Self.maxMaxChars)
            return try await fetch(arguments.url, headers: arguments.headers ?? [:], maxChars: maxChars, context: context)
        } catch {
            return .failure(error)
        }
    }

    func fetch(_ text: String, headers: [String: String], maxChars: Int, context: ToolContext) async throws -> ToolOutput {
        guard var url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Failure(description: "the url must start with http:// or https://")
        }
        let deadline = NIODeadline.now() + .nanoseconds(Self.timeout.nanoseconds)
        var redirects = 0
        while true {
            var response: HTTPClientResponse?
            var failure: (any Error)?
            for request in try await vettedRequests(url, headers: headers) {
                do {
                    response = try await context.http.execute(request, deadline: deadline)
                    break
                } catch let error as HTTPClientError where error == .deadlineExceeded {
                    throw Failure(description: "\(url.absoluteString) did not answer within 30 seconds")
                } catch {
                    failure = error  // try the host's next address
                }
            }
            guard let response else {
                throw Failure(description: "cannot fetch \(url.absoluteString): \(failure.map { "\($0)" } ?? "no address")")
            }
            let status = Int(response.status.code)
            if (300..<400).contains(status), let location = response.headers.first(name: "location") {
                redirects += 1
                guard redirects <= Self.maxRedirects else {
                    throw Failure(description: "more than \(Self.maxRedirects) redirects, last to \(location)")
                }
                guard let next = URL(string: location, relativeTo: url)?.absoluteURL,
                    let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else {
                    throw Failure(description: "redirect to an unsupported location: \(location)")
                }
                url = next
                continue
            }
            let (body, complete) = try await read(response, deadline: deadline)
            let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
            var content = render(body, contentType: contentType)
            if status >= 400 {
                return ToolOutput("HTTP \(status)\n\(String(content.unicodeScalars.prefix(2000)))", isError: true)
            }
            let scalars = content.unicodeScalars
            if scalars.count > maxChars {
                content = String(String.UnicodeScalarView(scalars.prefix(maxChars)))
                    + "\n\n... (truncated at \(maxChars) characters)"
            } else if !complete {
                content += "\n\n... (truncated: the body exceeds \(Self.maxBodyBytes) bytes)"
            }
            return ToolOutput(content)
        }
    }

    /// The requests for one hop, after vetting the host's addresses. Plain
    /// http connects to a vetted address itself (one request per address,
    /// IPv4 first), so the name cannot be re-resolved to a refused address in
    /// between; https keeps the name for TLS.
    private func vettedRequests(_ url: URL, headers: [String: String]) async throws -> [HTTPClientRequest] {
        guard let host = url.host, !host.isEmpty else { throw Failure(description: "the url has no host") }
        let addresses = try await AddressGuard.vet(host: host)
        func request(_ target: String, host hostHeader: String?) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: target)
            request.method = .GET
            request.headers.add(name: "user-agent", value: "Sympozium/1.0 (agent-runner)")
            request.headers.add(name: "accept", value: "text/html,application/xhtml+xml,application/json,text/plain,*/*")
            if let hostHeader { request.headers.replaceOrAdd(name: "host", value: hostHeader) }
            for (name, value) in headers where name.lowercased() != "host" {
                request.headers.replaceOrAdd(name: name, value: value)
            }
            return request
        }
        guard url.scheme?.lowercased() == "http", let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return [request(url.absoluteString, host: nil)]
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let hostHeader = (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host) + port
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?\($0)" } ?? ""
        let ordered = addresses.filter { !$0.contains(":") } + addresses.filter { $0.contains(":") }
        return ordered.map { address in
            let literal = address.contains(":") ? "[\(address)]" : address
            return request("http://\(literal)\(port)\(path)\(query)", host: hostHeader)
        }
    }

    private func read(_ response: HTTPClientResponse, deadline: NIODeadline) async throws -> (Data, Bool) {
        var data = Data()
        do {
            for try await buffer in response.body {
                data.append(contentsOf: buffer.readableBytesView)
                if data.count > Self.maxBodyBytes { return (data.prefix(Self.maxBodyBytes), false) }
            }
        } catch {
            throw Failure(description: "the connection broke while reading the body: \(error)")
        }
        return (data, true)
    }

    private func render(_ body: Data, contentType: String) -> String {
        let text = String(decoding: body, as: UTF8.self)
        if contentType.contains("json") || contentType.hasPrefix("text/plain") { return text }
        let looksLikeHTML = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(512).lowercased().contains("<html")
        if contentType.contains("html") || (contentType.contains("xml") && looksLikeHTML)
            || (contentType.isEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<"))
        {
            return HTMLText.readable(text)
        }
        if contentType.hasPrefix("text/") || contentType.contains("javascript") || contentType.contains("xml") || contentType.isEmpty {
            return text
        }
        return "(binary content of type \(contentType), \(body.count) bytes, not shown)"
    }
}
