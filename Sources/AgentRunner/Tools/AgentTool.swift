import AsyncHTTPClient
import Foundation
import Logging

/// What a tool returns to the model.
public struct ToolOutput: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }

    public static func error(_ text: String) -> ToolOutput { ToolOutput("Error: \(text)", isError: true) }

    /// A failed call: our own errors say what went wrong; system errors give their localized text.
    static func failure(_ error: any Error) -> ToolOutput {
        if let failure = error as? any ToolFailure { return .error(failure.description) }
        return .error(error.localizedDescription)
    }
}

/// Errors whose description is written for the model.
protocol ToolFailure: Error, CustomStringConvertible {}

/// What tools may use: the pod's directories, the HTTP client, the run's identity.
public struct ToolContext: Sendable {
    public var paths: RunnerPaths
    public var http: HTTPClient
    public var agentID: String
    public var runID: String
    public var spawnWait: Duration
    public var approvalWait: Duration
    public var logger: Logger

    public init(
        paths: RunnerPaths, http: HTTPClient, agentID: String = "default", runID: String = "local",
        spawnWait: Duration = .seconds(600), approvalWait: Duration = .seconds(300), logger: Logger
    ) {
        self.paths = paths
        self.http = http
        self.agentID = agentID
        self.runID = runID
        self.spawnWait = spawnWait
        self.approvalWait = approvalWait
        self.logger = logger
    }
}

/// A built-in tool.
public protocol AgentTool: Sendable {
    var definition: ToolDefinition { get }
    /// Runs one call. Failures are outputs with `isError`, never thrown: the
    /// model sees them and may correct itself.
    func run(arguments: String, context: ToolContext) async -> ToolOutput
}

/// A tool's arguments could not be decoded.
struct ToolArgumentError: ToolFailure {
    var description: String
}

enum ToolArguments {
    /// Decodes a tool's JSON arguments into its argument type.
    static func decode<Arguments: Decodable>(_ type: Arguments.Type, from json: String, tool: String) throws -> Arguments {
        let text = json.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "{}" : json
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw ToolArgumentError(description: "\(tool) needs the argument '\(key.stringValue)'")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ToolArgumentError(description: "\(tool): argument '\(path)' has the wrong type (\(context.debugDescription))")
        } catch {
            throw ToolArgumentError(description: "\(tool): the arguments are not a JSON object")
        }
    }

    /// A JSON Schema object with string-typed properties.
    static func schema(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }
}
