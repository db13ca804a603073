import Foundation

// sympozium-bench <suite>: each suite prints one `name value unit` line per figure.
let suites: [String: @Sendable () async throws -> [BenchFigure]] = [
    "model": ModelBench.run,
    "apiserver": APIServerBench.run,
    "controller": ControllerBench.run,
    "agent": AgentBench.run,
    "nats": NATSBench.run,
    "admission": AdmissionBench.run,
    "node": NodeBench.run,
    // The API server process the controller suite starts; not a suite to run by hand.
    "controller-server": ControllerBench.serve,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let suite = suites[name] else {
    let names = suites.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: sympozium-bench <suite>\nsuites: \(names)\n".utf8))
    exit(arguments.isEmpty ? 2 : 64)
}
do {
    for figure in try await suite() { print(figure.line) }
} catch {
    FileHandle.standardError.write(Data("sympozium-bench \(name): \(error)\n".utf8))
    exit(1)
}
