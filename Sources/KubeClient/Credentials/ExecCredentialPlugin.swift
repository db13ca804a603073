import Foundation
import KubeModel

/// Runs a kubeconfig exec credential plugin (client.authentication.k8s.io)
/// and reads the ExecCredential it prints.
enum ExecCredentialPlugin {
    struct Credential: Sendable {
        var token: String
        var expirationTimestamp: Time?
    }

    private struct ExecCredential: Codable {
        var apiVersion: String?
        var kind: String?
        var status: CredentialStatus?
    }

    private struct CredentialStatus: Codable {
        var token: String?
        var expirationTimestamp: Time?
        var clientCertificateData: String?
        var clientKeyData: String?
    }

    static let defaultAPIVersion = "client.authentication.k8s.io/v1"
    static let timeout: Duration = .seconds(120)

    static func run(_ config: Kubeconfig.ExecConfig) async throws(KubeClientError) -> Credential {
        let apiVersion = config.apiVersion ?? defaultAPIVersion
        let execInfo = #"{"apiVersion":"\#(apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
        var environment = ProcessInfo.processInfo.environment
        for variable in config.env { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo
        let output: (status: Int32, stdout: Data, stderr: Data)
        do {
            output = try await ChildProcess.run(
                command: config.command, arguments: config.args, environment: environment, timeout: timeout)
        } catch {
            let hint = config.installHint.map { "\n\($0)" } ?? ""
            throw KubeClientError(.credentials, "exec plugin \(config.command) could not run: \(error)\(hint)")
        }
        guard output.status == 0 else {
            let stderr = String(decoding: output.stderr.prefix(2048), as: UTF8.self)
            throw KubeClientError(.credentials, "exec plugin \(config.command) exited with status \(output.status): \(stderr)")
        }
        let credential: ExecCredential
        do {
            credential = try JSONDecoder().decode(ExecCredential.self, from: output.stdout)
        } catch {
            throw KubeClientError(.credentials, "exec plugin \(config.command) printed no valid ExecCredential: \(error)")
        }
        guard credential.kind == "ExecCredential" else {
            throw KubeClientError(.credentials, "exec plugin \(config.command) printed kind \(credential.kind ?? "none"), not ExecCredential")
        }
        guard let token = credential.status?.token, !token.isEmpty else {
            if credential.status?.clientCertificateData != nil {
                throw KubeClientError(.credentials, "exec plugin \(config.command) returned a client certificate; only token credentials from exec plugins are supported")
            }
            throw KubeClientError(.credentials, "exec plugin \(config.command) returned no token")
        }
        return Credential(token: token, expirationTimestamp: credential.status?.expirationTimestamp)
    }
}

/// Runs a short-lived program without blocking the cooperative pool: its exit
/// is awaited through the termination handler and its output goes to files.
enum ChildProcess {
    struct Timeout: Error, CustomStringConvertible {
        var description: String { "timed out" }
    }

    static func run(
        command: String, arguments: [String], environment: [String: String], timeout: Duration
    ) async throws -> (status: Int32, stdout: Data, stderr: Data) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appending(path: "stdout")
        let errURL = directory.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        if command.contains("/") {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [command] + arguments
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let status: Int32? = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do {
                        try process.run()
                    } catch {
                        process.terminationHandler = nil
                        continuation.resume(throwing: error)
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            throw Timeout()
        }
        return (status, (try? Data(contentsOf: outURL)) ?? Data(), (try? Data(contentsOf: errURL)) ?? Data())
    }
}
