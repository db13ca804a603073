import Foundation

/// The kinds of provider API the runner speaks.
public enum ProviderAPI: String, Sendable, Hashable {
    /// OpenAI Chat Completions (OpenAI, Ollama, vLLM, LM Studio and any compatible server).
    case openAIChat
    /// Azure OpenAI: Chat Completions at a deployment URL with an api-version.
    case azureOpenAI
    /// Anthropic Messages.
    case anthropic
}

/// One model the runner may call: provider, model, endpoint and credentials.
public struct ModelEndpoint: Sendable, Hashable {
    /// The provider name as configured (`openai`, `anthropic`, `azure-openai`, `ollama`, `vllm`...).
    public var provider: String
    public var model: String
    /// Overrides the provider's default endpoint.
    public var baseURL: String?
    public var apiKey: String?
    /// Azure `api-version`.
    public var apiVersion: String

    public static let defaultAzureAPIVersion = "2024-10-21"

    public init(provider: String, model: String, baseURL: String? = nil, apiKey: String? = nil, apiVersion: String = Self.defaultAzureAPIVersion) {
        self.provider = provider.lowercased()
        self.model = model
        self.baseURL = baseURL.flatMap { $0.isEmpty ? nil : $0 }
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.apiVersion = apiVersion
    }

    public var api: ProviderAPI {
        switch provider {
        case "anthropic": .anthropic
        case "azure-openai", "azure", "azureopenai": .azureOpenAI
        default: .openAIChat
        }
    }

    /// "provider/model", for logs and errors.
    public var label: String { "\(provider)/\(model)" }

    /// The environment variables that may hold this provider's key, most specific first.
    static func keyVariables(for provider: String) -> [String] {
        switch provider.lowercased() {
        case "anthropic": ["ANTHROPIC_API_KEY", "API_KEY"]
        case "azure-openai", "azure", "azureopenai": ["AZURE_OPENAI_API_KEY", "API_KEY", "OPENAI_API_KEY"]
        case "openai": ["OPENAI_API_KEY", "API_KEY"]
        default: ["API_KEY", "OPENAI_API_KEY"]
        }
    }

    /// The URL a request goes to.
    func requestURL() throws -> String {
        func trimmed(_ url: String) -> String {
            var url = url
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        switch api {
        case .anthropic:
            let base = trimmed(baseURL ?? "https://api.anthropic.com")
            return base.hasSuffix("/v1") ? "\(base)/messages" : "\(base)/v1/messages"
        case .azureOpenAI:
            guard let baseURL else {
                throw ConfigurationError(
                    code: "MissingBaseURL", message: "azure-openai needs MODEL_BASE_URL (https://<resource>.openai.azure.com)")
            }
            let base = trimmed(baseURL)
            let deployment = model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? model
            let path = base.contains("/openai/deployments/") ? "\(base)/chat/completions" : "\(base)/openai/deployments/\(deployment)/chat/completions"
            return "\(path)?api-version=\(apiVersion)"
        case .openAIChat:
            if let baseURL {
                let base = trimmed(baseURL)
                if base.hasSuffix("/chat/completions") { return base }
                // An Ollama URL without a path: its OpenAI-compatible API lives under /v1.
                if provider == "ollama", let url = URL(string: base), url.path.isEmpty || url.path == "/" {
                    return "\(base)/v1/chat/completions"
                }
                return "\(base)/chat/completions"
            }
            switch provider {
            case "openai": return "https://api.openai.com/v1/chat/completions"
            case "ollama": return "http://localhost:11434/v1/chat/completions"
            default:
                throw ConfigurationError(
                    code: "MissingBaseURL",
                    message: "provider \(provider) is OpenAI-compatible and needs MODEL_BASE_URL")
            }
        }
    }
}

/// One entry of `MODEL_FALLBACKS`.
struct FallbackEntry: Decodable, Sendable {
    var provider: String
    var model: String
    var baseURL: String?
    var apiKeyEnv: String?
    var apiKeyFile: String?
}

extension ModelEndpoint: CustomStringConvertible {
    /// Never shows the API key.
    public var description: String {
        "\(label)\(baseURL.map { " at \($0)" } ?? "")\(apiKey == nil ? "" : " (key set)")"
    }
}
