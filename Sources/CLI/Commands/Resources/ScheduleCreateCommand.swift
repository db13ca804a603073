import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// `sympozium schedule create`: a SympoziumSchedule from flags.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Create recurring agent runs.", subcommands: [ScheduleCreateCommand.self])
}

struct ScheduleCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a SympoziumSchedule.",
        discussion: """
            The schedule is 5-field cron or @hourly, @daily, @weekly, @every <duration>.
            Example:
              sympozium schedule create daily-standup --instance alice --cron "0 9 * * *" \\
                --task "Review overnight alerts and summarise" --include-memory
            """)

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "Name of the schedule.")
    var name: String

    @Option(help: "The SympoziumInstance whose agent runs.")
    var instance: String

    @Option(help: "When to run: cron or @every <duration>.")
    var cron: String

    @Option(help: "What the agent is asked to do.")
    var task: String

    @Option(help: "heartbeat, scheduled or sweep.")
    var type = "scheduled"

    @Option(help: "Forbid, Allow or Replace (as a CronJob's).")
    var concurrencyPolicy = "Forbid"

    @Flag(help: "Prepend the instance's memory to the task.")
    var includeMemory = false

    func validate() throws {
        guard Names.isDNSLabel(name) else { throw ValidationError("\"\(name)\" is not a valid name: lower-case letters, digits and '-', at most 63") }
        do {
            _ = try CronSchedule(parsing: cron)
        } catch {
            throw ValidationError("--cron \"\(cron)\": \(error)")
        }
        guard ["Forbid", "Allow", "Replace"].contains(concurrencyPolicy) else {
            throw ValidationError("--concurrency-policy must be Forbid, Allow or Replace")
        }
    }

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let schedule = SympoziumSchedule(
                metadata: ObjectMeta(name: name, namespace: namespace),
                spec: SympoziumScheduleSpec(
                    instanceRef: instance, schedule: cron, task: task, type: ScheduleType(rawValue: type),
                    concurrencyPolicy: ConcurrencyPolicy(rawValue: concurrencyPolicy), includeMemory: includeMemory ? true : nil))
            _ = try await CLIFailure.translate { try await Api<SympoziumSchedule>(client, namespace: namespace).create(schedule) }
            Console.write("schedule \"\(name)\" created\n")
        }
    }
}
