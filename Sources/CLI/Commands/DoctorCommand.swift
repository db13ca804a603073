import ArgumentParser
import EventBus
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// `sympozium doctor`: checks a Sympozium setup and says how to fix what is wrong.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check that Sympozium is installed and healthy; print a fix for each problem.",
        discussion: """
            Checks: the cluster answers; the sympozium.ai CRDs are served; a controller manager holds its \
            leader Lease; policy admission is in place (the webhook configurations, or the embedded API \
            server's own admission); the HTTP/WebSocket API answers (--api-url, else the one `sympozium up` \
            serves, else the sympozium-apiserver Service has ready endpoints); the event bus answers (with --event-bus-url or SYMPOZIUM_EVENT_BUS_URL); \
            the local node's sandbox (bubblewrap) works; every instance's provider Secret exists.
            Exits 0 when every check passes, 1 otherwise.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "NATS URL of the event bus to check (default: SYMPOZIUM_EVENT_BUS_URL; skipped when unset).")
    var eventBusURL: String?

    @Option(help: "URL of Sympozium's HTTP API to check (default: SYMPOZIUM_API_URL, else found from the cluster).")
    var apiURL: String?

    @Option(help: "Path of bubblewrap.")
    var bwrap = "/usr/bin/bwrap"

    func run() async throws {
        let report = DoctorReport()
        do {
            try await cluster.withClient { client, namespace in
                let apiURL = apiURL ?? ProcessInfo.processInfo.environment["SYMPOZIUM_API_URL"].flatMap { $0.isEmpty ? nil : $0 }
                try await DoctorChecks(client: client, namespace: namespace, allNamespaces: cluster.allNamespaces, apiURL: apiURL, report: report)
                    .run()
            }
        } catch let error as CLIError {
            report.fail("cluster", error.message, fix: "start one with `sympozium up`, or pass --kubeconfig / set KUBECONFIG")
        }
        let url = eventBusURL ?? ProcessInfo.processInfo.environment["SYMPOZIUM_EVENT_BUS_URL"]
        await DoctorChecks.eventBus(url, report: report)
        await DoctorChecks.sandbox(bwrap, report: report)
        Console.write(report.render())
        if report.failures > 0 { throw ExitCode(1) }
    }
}

/// The lines a doctor run prints.
final class DoctorReport: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private(set) var failures = 0
    private let colour = Terminal.colourEnabled

    func pass(_ check: String, _ detail: String) {
        append("\(paint("✓", 32)) \(check): \(detail)")
    }

    func fail(_ check: String, _ problem: String, fix: String) {
        lock.withLock { failures += 1 }
        append("\(paint("✗", 31)) \(check): \(problem)\n    fix: \(fix)")
    }

    func skip(_ check: String, _ detail: String) {
        append("\(paint("-", 33)) \(check): \(detail)")
    }

    func render() -> String {
        let (lines, failures) = lock.withLock { (self.lines, self.failures) }
        return lines.joined(separator: "\n") + "\n" + (failures == 0 ? "all checks passed\n" : "\(failures) check\(failures == 1 ? "" : "s") failed\n")
    }

    private func append(_ line: String) { lock.withLock { lines.append(line) } }

    private func paint(_ text: String, _ code: Int) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

/// Colour only on a terminal, and never with NO_COLOR.
enum Terminal {
    static var colourEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
    }
}
