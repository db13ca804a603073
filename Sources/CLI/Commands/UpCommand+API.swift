import APIServer
import EventBus
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Logging
import SympoziumAPI

extension UpCommand {
    /// The API's port when --api-port is not given; a free one when it is taken.
    static let defaultAPIPort = 8090

    /// Where `sympozium up` records its API's URL, for `sympozium doctor`.
    static let apiEndpointConfigMap = "sympozium-api"

    /// Sympozium's HTTP/WebSocket API on 127.0.0.1, on the same bus as the
    /// controllers, started once the Kubernetes API listens.
    func apiServices(ports: AsyncStream<Int>, kubeconfig: URL, eventBus: (any EventBus)?, logger: Logger) throws -> ClientServices {
        let token = try APIServerCommand.token(file: nil, environment: ProcessInfo.processInfo.environment)
        let configuration = APIServerConfiguration(
            host: "127.0.0.1", port: apiPort ?? Self.defaultAPIPort, token: token, fallBackToFreePort: apiPort == nil)
        return ClientServices(ports: ports, kubeconfig: kubeconfig, logger: logger) { client, _ in
            [
                APIServer(configuration: configuration, client: client, eventBus: eventBus, logger: logger) { port in
                    let url = "http://127.0.0.1:\(port)"
                    let header = token == nil ? "" : "-H \"Authorization: Bearer $SYMPOZIUM_API_TOKEN\" "
                    Console.write("""
                        Sympozium API is up on \(url)\(token == nil ? " (no token: set SYMPOZIUM_API_TOKEN to require one)" : "")
                          curl \(header)\(url)/api/v1/instances
                          curl \(header)-d '{"instance": "my-agent", "task": "say hello"}' \(url)/api/v1/runs
                          WebSocket events: ws://127.0.0.1:\(port)/ws/stream

                        """)
                    await Self.recordAPIEndpoint(url, client: client, logger: logger)
                }
            ]
        }
    }

    /// Writes the API's URL into sympozium-system/sympozium-api, where `sympozium doctor` finds it.
    static func recordAPIEndpoint(_ url: String, client: KubeClient, logger: Logger) async {
        let configMap = ConfigMap(
            metadata: ObjectMeta(
                name: apiEndpointConfigMap, namespace: SympoziumGroup.systemNamespace,
                labels: ["app.kubernetes.io/part-of": "sympozium"]),
            data: ["url": url])
        do {
            _ = try await Api<ConfigMap>(client, namespace: SympoziumGroup.systemNamespace).patch(
                apiEndpointConfigMap, try .apply(configMap, force: true), parameters: WriteParameters(fieldManager: "sympozium-up"))
        } catch {
            logger.warning("cannot record the API's URL for `sympozium doctor`", metadata: ["error": "\(error)"])
        }
    }
}
