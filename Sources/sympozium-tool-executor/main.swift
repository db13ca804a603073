import AgentRunner
import Foundation

let environment = ProcessInfo.processInfo.environment
LogSetup.bootstrap(environment: environment)
exit(await ToolExecutorCommand.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment, handleSignals: true))
