import EventBus
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// The individual checks of `sympozium doctor`.
struct DoctorChecks {
    let client: KubeClient
    let namespace: String
    let allNamespaces: Bool
    /// The API's URL to probe; nil: found from the cluster.
    var apiURL: String?
    let report: DoctorReport

    static let leaseName = "sympozium-controller"

    func run() async throws {
        let version: KubeResponse
        do {
            version = try await client.send(KubeRequest(path: "/version"))
        } catch {
            report.fail("cluster", "the API server does not answer: \(error)", fix: "start one with `sympozium up`, or check --kubeconfig / KUBECONFIG")
            return
        }
        let gitVersion = (try? JSONParser.parse(Data(version.body)))?["gitVersion"]?.stringValue ?? "unknown"
        let embedded = gitVersion.contains("sympozium")
        report.pass("cluster", "\(embedded ? "embedded control plane" : "Kubernetes") \(gitVersion)")
        await crds()
        await controller()
        await admission(embedded: embedded)
        await apiServer(embedded: embedded)
        await providerSecrets()
    }

    func crds() async {
        let discovery = Discovery(client: client)
        var missing: [String] = []
        for kind in [SympoziumInstance.groupVersionKind, AgentRun.groupVersionKind, SympoziumPolicy.groupVersionKind, SkillPack.groupVersionKind, SympoziumSchedule.groupVersionKind] {
            if (try? await discovery.resource(for: kind)) == nil { missing.append(kind.kind) }
        }
        if missing.isEmpty {
            report.pass("CRDs", "the five sympozium.ai/v1alpha1 kinds are served")
        } else {
            report.fail("CRDs", "not served: \(missing.joined(separator: ", "))", fix: "kubectl apply -f config/crd/bases/ (or `sympozium up`, which installs them)")
        }
    }

    func controller() async {
        guard let lease = try? await Api<Lease>(client, namespace: SympoziumGroup.systemNamespace).getIfExists(Self.leaseName) else {
            report.fail(
                "controller", "no controller manager holds the Lease \(SympoziumGroup.systemNamespace)/\(Self.leaseName)",
                fix: "run `sympozium controller --leader-elect` (in-cluster: check the sympozium-controller Deployment's pods)")
            return
        }
        let duration = TimeInterval(lease.spec.leaseDurationSeconds ?? 15)
        guard let holder = lease.spec.holderIdentity, !holder.isEmpty, let renewed = lease.spec.renewTime?.date,
            Date().timeIntervalSince(renewed) <= duration * 2
        else {
            report.fail(
                "controller", "the leader Lease has not been renewed recently (holder \(lease.spec.holderIdentity ?? "none"))",
                fix: "the controller manager is down or cannot reach the API server: check its logs")
            return
        }
        report.pass("controller", "leader \(holder), renewed \(Int(Date().timeIntervalSince(renewed)))s ago")
    }

    func admission(embedded: Bool) async {
        if embedded {
            report.pass("admission", "the embedded API server enforces SympoziumPolicy itself")
            return
        }
        let validating = try? await Api<ValidatingWebhookConfiguration>(client).getIfExists("sympozium-agentrun-policy")
        let mutating = try? await Api<MutatingWebhookConfiguration>(client).getIfExists("sympozium-agentrun-policy")
        guard let validating, mutating != nil else {
            report.fail(
                "admission webhook", "the webhook configurations sympozium-agentrun-policy are not registered",
                fix: "kubectl apply -f config/webhook/manifests.yaml, or run `sympozium webhook --self-signed --register`")
            return
        }
        guard let service = validating.webhooks.first?.clientConfig.service else {
            report.pass("admission webhook", "registered (URL client config)")
            return
        }
        let endpoints = try? await client.send(KubeRequest(path: "/api/v1/namespaces/\(service.namespace)/endpoints/\(service.name)"))
        let ready = endpoints.flatMap { try? JSONParser.parse(Data($0.body)) }?["subsets"]?.arrayValue?.contains {
            !($0["addresses"]?.arrayValue ?? []).isEmpty
        } ?? false
        if ready {
            report.pass("admission webhook", "registered; Service \(service.namespace)/\(service.name) has ready endpoints")
        } else {
            report.fail(
                "admission webhook", "registered, but Service \(service.namespace)/\(service.name) has no ready endpoints",
                fix: "check the sympozium-webhook Deployment (failurePolicy Fail refuses every AgentRun while it is down)")
        }
    }

    func providerSecrets() async {
        let api = allNamespaces ? Api<SympoziumInstance>(client) : Api<SympoziumInstance>(client, namespace: namespace)
        guard let instances = try? await api.list().items else { return }
        var missing: [String] = []
        for instance in instances {
            for reference in instance.spec.authRefs {
                let ns = instance.metadata.namespace ?? namespace
                if (try? await Api<Secret>(client, namespace: ns).getIfExists(reference.secret)) == nil {
                    missing.append("\(ns)/\(reference.secret) (instance \(instance.metadata.name ?? ""))")
                }
            }
        }
        if instances.isEmpty {
            report.skip("provider secrets", "no SympoziumInstance\(allNamespaces ? "" : " in \(namespace)") yet")
        } else if missing.isEmpty {
            report.pass("provider secrets", "every instance's auth Secret exists")
        } else {
            report.fail(
                "provider secrets", "missing: \(missing.joined(separator: ", "))",
                fix: "kubectl create secret generic <name> --from-literal=OPENAI_API_KEY=... (or the provider's key name)")
        }
    }

    static func eventBus(_ url: String?, report: DoctorReport) async {
        guard let url, !url.isEmpty else {
            report.skip("event bus", "skipped: no --event-bus-url or SYMPOZIUM_EVENT_BUS_URL given")
            return
        }
        do {
            var options = try NATSClientOptions(urls: url)
            options.maxReconnectAttempts = 0
            options.connectTimeout = .seconds(3)
            let client = NATSClient(options: options)
            do {
                try await client.connect()
                try await client.flush(timeout: .seconds(3))
                let version = client.serverInfo?.version ?? "?"
                await client.close()
                report.pass("event bus", "NATS \(version) at \(url) answers")
            } catch {
                await client.close()
                throw error
            }
        } catch {
            report.fail("event bus", "NATS at \(url) does not answer: \(error)", fix: "check the nats StatefulSet in sympozium-system, or the URL")
        }
    }

    static func sandbox(_ bwrap: String, report: DoctorReport) async {
        guard FileManager.default.isExecutableFile(atPath: bwrap) else {
            report.fail("node sandbox", "\(bwrap) is missing", fix: "apt-get install bubblewrap (needed by `sympozium up` to run agent pods)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bwrap)
        process.arguments = ["--ro-bind", "/", "/", "--unshare-pid", "--unshare-net", "--die-with-parent", "/bin/true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
        }
        if status == 0 {
            report.pass("node sandbox", "bubblewrap runs sandboxed processes")
        } else {
            report.fail(
                "node sandbox", "bubblewrap cannot create a sandbox (exit \(status.map(String.init) ?? "spawn failed"))",
                fix: "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run as root")
        }
    }
}
