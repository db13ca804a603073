@testable import AgentRunner
import Foundation
import Testing

@Suite("fetch_url")
struct FetchURLToolTests {
    @Test("cloud metadata and link-local destinations are refused", arguments: [
        "http://169.254.169.254/latest/meta-data/", "http://169.254.10.1/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/", "http://[::ffff:169.254.169.254]/", "file:///etc/passwd",
    ])
    func refused(url: String) async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let output = try await FileToolTests.run(FetchURLTool(), #"{"url":"\#(url)"}"#, directories)
        #expect(output.isError)
        #expect(output.text.contains("access denied") || output.text.contains("http://"), "\(output.text)")
    }

    @Test("a redirect to the metadata address is refused at that hop")
    func redirectRefused() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let server = try await FakeHTTPServer.start { _, _ in .redirect(to: "http://169.254.169.254/latest/meta-data/iam") }
        let output = try await FileToolTests.run(FetchURLTool(), #"{"url":"\#(server.baseURL)/start"}"#, directories)
        let count = server.requests.count
        await server.stop()
        #expect(output.isError)
        #expect(output.text.contains("169.254.169.254"))
        #expect(output.text.contains("metadata"))
        #expect(count == 1)
    }

    @Test("HTML becomes readable text; redirects are followed; custom headers are sent")
    func htmlAndRedirects() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let html = """
            <!doctype html><html><head><title>T</title><style>body{color:red}</style></head>
            <body><h1>Hello &amp; welcome</h1><script>var x = "<p>no</p>";</script>
            <p>First   paragraph
            with <a href="/x">a link</a>.</p><ul><li>one</li><li>two</li></ul><!-- hidden --></body></html>
            """
        let server = try await FakeHTTPServer.start { request, _ in
            switch request.path {
            case "/a": .redirect(to: "/b")
            case "/b": .redirect(to: "/page")
            case "/json": .text(#"{"a": [1, 2]}"#, contentType: "application/json")
            default: .text(html, contentType: "text/html; charset=utf-8")
            }
        }
        let output = try await FileToolTests.run(FetchURLTool(), #"{"url":"http://localhost:\#(server.port)/a","headers":{"X-Test":"yes"}}"#, directories)
        let json = try await FileToolTests.run(FetchURLTool(), #"{"url":"\#(server.baseURL)/json","maxChars":5}"#, directories)
        let requests = server.requests
        await server.stop()
        #expect(!output.isError)
        #expect(output.text == "Hello & welcome\n\nFirst paragraph with a link.\n\n- one\n- two")
        #expect(requests.map(\.path).prefix(3) == ["/a", "/b", "/page"])
        #expect(requests[2].headers["x-test"] == "yes")
        #expect(requests[2].authority == "localhost:\(server.port)")
        #expect(json.text.hasPrefix(#"{"a":"#))
        #expect(json.text.contains("truncated at 5 characters"))
    }

    @Test("more than 5 redirects are refused")
    func redirectLimit() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let server = try await FakeHTTPServer.start { _, index in .redirect(to: "/hop\(index)") }
        let output = try await FileToolTests.run(FetchURLTool(), #"{"url":"\#(server.baseURL)/"}"#, directories)
        let count = server.requests.count
        await server.stop()
        #expect(output.isError)
        #expect(output.text.contains("more than 5 redirects"))
        #expect(count == 6)
    }

    @Test("address vetting")
    func addressRules() {
        #expect(AddressGuard.refusal("169.254.169.254") != nil)
        #expect(AddressGuard.refusal("169.254.0.1") != nil)
        #expect(AddressGuard.refusal("fe80::abcd") != nil)
        #expect(AddressGuard.refusal("febf::1") != nil)
        #expect(AddressGuard.refusal("fd00:ec2::254") != nil)
        #expect(AddressGuard.refusal("64:ff9b::a9fe:a9fe") != nil)
        #expect(AddressGuard.refusal("127.0.0.1") == nil)
        #expect(AddressGuard.refusal("10.0.0.1") == nil)
        #expect(AddressGuard.refusal("fec0::1") == nil)
        #expect(AddressGuard.refusal("2001:db8::1") == nil)
    }
}
