import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version and the git commit this binary was built from.")

    @Flag(name: .long, help: "Print only the version number.")
    var short = false

    func run() {
        print(short ? BuildInfo.version : BuildInfo.summary)
    }
}
