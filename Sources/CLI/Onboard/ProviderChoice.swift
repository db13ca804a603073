/// The model providers onboarding offers, with what each needs.
enum ProviderChoice: String, CaseIterable, Sendable {
    case openai
    case anthropic
    case azureOpenAI = "azure-openai"
    case ollama
    case custom

    var defaultModel: String {
        switch self {
        case .openai: "gpt-4o"
        case .anthropic: "claude-sonnet-4-20250514"
        case .azureOpenAI: "gpt-4o"
        case .ollama: "llama3.1"
        case .custom: "gpt-4o-mini"
        }
    }

    /// The environment variable the agent runner reads the key from (nil: no key).
    var keyVariable: String? {
        switch self {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .azureOpenAI: "AZURE_OPENAI_API_KEY"
        case .ollama: nil
        case .custom: "API_KEY"
        }
    }

    var needsBaseURL: Bool { self == .azureOpenAI || self == .custom || self == .ollama }

    var defaultBaseURL: String? {
        switch self {
        case .ollama: "http://ollama:11434/v1"
        default: nil
        }
    }
}

/// The chat channels onboarding offers, with the token variables each channel pod reads.
enum ChannelChoice: String, CaseIterable, Sendable {
    case telegram, slack, discord, whatsapp

    var tokenVariable: String {
        switch self {
        case .telegram: "TELEGRAM_BOT_TOKEN"
        case .slack: "SLACK_BOT_TOKEN"
        case .discord: "DISCORD_BOT_TOKEN"
        case .whatsapp: "WHATSAPP_ACCESS_TOKEN"
        }
    }

    /// Slack's Socket Mode also needs the app-level token (xapp-…).
    var appTokenVariable: String? { self == .slack ? "SLACK_APP_TOKEN" : nil }
}
