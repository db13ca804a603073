/// The parts of the Telegram Bot API's objects a channel uses
/// (https://core.telegram.org/bots/api), snake_case on the wire.
struct TelegramResponse<Result: Decodable>: Decodable {
    var ok: Bool
    var result: Result?
    var description: String?
    var errorCode: Int?
    var parameters: Parameters?

    struct Parameters: Decodable {
        var retryAfter: Int?
    }
}

struct TelegramUpdate: Decodable, Sendable {
    var updateId: Int64
    var message: TelegramMessage?
}

struct TelegramMessage: Decodable, Sendable {
    var messageId: Int64
    var messageThreadId: Int64?
    var from: TelegramUser?
    var chat: TelegramChat
    var date: Int64?
    var text: String?
}

struct TelegramUser: Decodable, Sendable {
    var id: Int64
    var isBot: Bool
    var firstName: String
    var lastName: String?
    var username: String?

    var displayName: String {
        username ?? [firstName, lastName].compactMap { $0 }.joined(separator: " ")
    }
}

struct TelegramChat: Decodable, Sendable {
    var id: Int64
    var type: String
}

struct GetUpdatesRequest: Encodable {
    var offset: Int64?
    var timeout: Int
    var allowedUpdates = ["message"]
}

struct SendMessageRequest: Encodable {
    /// A chat's numeric ID, or "@channelusername".
    enum ChatID: Encodable {
        case id(Int64)
        case username(String)

        init(_ text: String) {
            self = Int64(text).map(ChatID.id) ?? .username(text)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .id(let id): try container.encode(id)
            case .username(let name): try container.encode(name)
            }
        }
    }

    struct ReplyParameters: Encodable {
        var messageId: Int64
        var allowSendingWithoutReply = true
    }

    var chatId: ChatID
    var text: String
    var messageThreadId: Int64?
    var replyParameters: ReplyParameters?
}

struct EmptyRequest: Encodable {}
