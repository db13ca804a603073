import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import NIOCore
import SympoziumAPI

/// `sympozium runs logs <run>`: the agent container's log of a run's pod.
struct RunLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print the log of a run's agent (or another container of its pod).",
        discussion: """
            Example:
              sympozium runs logs alice-ch-1a2b3c -f
              sympozium runs logs nightly-3 --container skill-k8s-ops
            """)

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "Name of the run.")
    var name: String

    @Option(name: [.short, .long], help: "Container of the run's pod.")
    var container = "agent"

    @Flag(name: [.short, .long], help: "Keep printing as the agent writes.")
    var follow = false

    @Option(help: "Only the last N lines.")
    var tail: Int?

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let run = try await CLIFailure.translate(notFound: "run \"\(name)\" not found in namespace \(namespace)") {
                try await Api<AgentRun>(client, namespace: namespace).get(name)
            }
            var podName = run.status?.podName
            if podName == nil, let job = run.status?.jobName {
                podName = try await Api<Pod>(client, namespace: namespace).list(ListParameters(labelSelector: "job-name=\(job)")).items.first?
                    .metadata.name
            }
            guard let podName else {
                throw CLIError(code: "NoPod", "run \(name) has no pod yet (phase \(run.status?.phase?.rawValue ?? "Pending")); try again in a moment")
            }
            var query: [(name: String, value: String)] = [("container", container)]
            if follow { query.append(("follow", "true")) }
            if let tail { query.append(("tailLines", "\(tail)")) }
            let request = KubeRequest(path: "/api/v1/namespaces/\(namespace)/pods/\(podName)/log", query: query)
            let body = try await CLIFailure.translate(notFound: "the pod \(podName) of run \(name) is gone (its Job's TTL removed it)") {
                try await client.stream(request, deadline: .now() + .hours(24))
            }
            for try await chunk in body {
                FileHandle.standardOutput.write(Data(chunk.readableBytesView))
            }
        }
    }
}
