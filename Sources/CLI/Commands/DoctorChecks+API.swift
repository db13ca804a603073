import AsyncHTTPClient
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

extension DoctorChecks {
    /// The HTTP/WebSocket API: probed at --api-url, or at the URL `sympozium
    /// up` records; on a cluster, its Service must have ready endpoints.
    func apiServer(embedded: Bool) async {
        if let apiURL {
            await probeAPI(apiURL)
            return
        }
        if embedded {
            let recorded = try? await Api<ConfigMap>(client, namespace: SympoziumGroup.systemNamespace).getIfExists(UpCommand.apiEndpointConfigMap)
            guard let url = recorded?.data["url"] else {
                report.fail(
                    "API server", "this control plane has not recorded an API URL",
                    fix: "restart `sympozium up` (it serves the API on --api-port), or pass --api-url")
                return
            }
            await probeAPI(url)
            return
        }
        let namespace = SympoziumGroup.systemNamespace
        let service = InstallManifests.apiServerName
        guard (try? await client.send(KubeRequest(path: "/api/v1/namespaces/\(namespace)/services/\(service)"))) != nil else {
            report.fail("API server", "the Service \(namespace)/\(service) does not exist", fix: "sympozium install")
            return
        }
        let endpoints = try? await client.send(KubeRequest(path: "/api/v1/namespaces/\(namespace)/endpoints/\(service)"))
        let ready = endpoints.flatMap { try? JSONParser.parse(Data($0.body)) }?["subsets"]?.arrayValue?.contains {
            !($0["addresses"]?.arrayValue ?? []).isEmpty
        } ?? false
        if ready {
            report.pass("API server", "Service \(namespace)/\(service) has ready endpoints")
        } else {
            report.fail(
                "API server", "Service \(namespace)/\(service) has no ready endpoints",
                fix: "check the \(service) Deployment's pods: kubectl -n \(namespace) logs deploy/\(service)")
        }
    }

    /// GET <url>/readyz: the API answers and reaches the Kubernetes API.
    private func probeAPI(_ url: String) async {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(base)/readyz"), timeout: .seconds(3))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if response.status.code == 200 {
                report.pass("API server", "\(base) answers and reaches the Kubernetes API")
            } else {
                report.fail("API server", "\(base)/readyz answered \(response.status.code)", fix: "check the API server's log")
            }
        } catch {
            report.fail("API server", "\(base) does not answer: \(error)", fix: "start it (`sympozium up`, or `sympozium apiserver`), or fix --api-url")
        }
    }
}
