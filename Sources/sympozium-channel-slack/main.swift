import Channels
import Foundation
import Logging

// The Slack channel pod (Socket Mode): INSTANCE_NAME, INSTANCE_NAMESPACE,
// EVENT_BUS_URL, SLACK_BOT_TOKEN and SLACK_APP_TOKEN (from the channel's
// Secret), SLACK_API_URL (optional).
LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
let logger = Logger(label: "sympozium.channel.slack")
let status = await ChannelMain.run(logger: logger) { environment, http in
    try SlackAdapter.fromEnvironment(environment, http: http, logger: logger)
}
exit(status)
