import Channels
import Foundation
import Logging

// The Telegram channel pod: INSTANCE_NAME, INSTANCE_NAMESPACE, EVENT_BUS_URL,
// TELEGRAM_BOT_TOKEN (from the channel's Secret), TELEGRAM_API_URL (optional).
LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
let status = await ChannelMain.run(logger: Logger(label: "sympozium.channel.telegram")) { environment, http in
    try TelegramAdapter.fromEnvironment(environment, http: http)
}
exit(status)
