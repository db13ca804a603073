import Foundation

/// `send_channel_message`: /ipc/messages/send-<id>.json, relayed by the IPC bridge.
public struct SendChannelMessageTool: AgentTool {
    public static let name = "send_channel_message"

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description:
                "Send a message to the user through a connected channel (telegram, slack, discord, whatsapp). Without chatId the message goes to the owner's chat.",
            parameters: ToolArguments.schema(
                [
                    "channel": [
                        "type": "string", "description": "The channel: telegram, slack, discord or whatsapp.",
                        "enum": ["telegram", "slack", "discord", "whatsapp"],
                    ],
                    "text": ["type": "string", "description": "The message text."],
                    "chatId": ["type": "string", "description": "Target chat or group (optional)."],
                    "threadId": ["type": "string", "description": "Thread to reply in (optional)."],
                    "format": ["type": "string", "description": "plain, markdown or html (optional)."],
                ], required: ["channel", "text"]))
    }

    struct Message: Codable {
        var channel: String
        var chatId: String?
        var threadId: String?
        var text: String
        var format: String?
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            var message = try ToolArguments.decode(Message.self, from: arguments, tool: Self.name)
            message.channel = message.channel.trimmingCharacters(in: .whitespaces).lowercased()
            guard !message.channel.isEmpty else { return .error("'channel' is empty") }
            guard !message.text.isEmpty else { return .error("'text' is empty") }
            if message.chatId?.isEmpty == true { message.chatId = nil }
            if message.threadId?.isEmpty == true { message.threadId = nil }
            let url = context.paths.messages.appendingPathComponent("send-\(IPCIdentifier.make()).json")
            try AtomicFile.write(json: message, to: url)
            return ToolOutput("Message queued for the \(message.channel) channel (to \(message.chatId ?? "the owner's chat")).")
        } catch {
            return .failure(error)
        }
    }
}
