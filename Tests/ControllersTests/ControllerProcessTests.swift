import ClusterTestSupport
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

@Suite("`sympozium controller` as a process", .serialized)
struct ControllerProcessTests {
    @Test("leader election, /healthz, /readyz and /metrics; SIGTERM releases the Lease")
    func controllerProcess() async throws {
        guard let binary = SystemComponent.sympozium else { return }
        let plane = try await ControlPlane.start()
        plane.manager.cancel()
        let process = Process()
        do {
            let port = LocalPort.free()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "controller", "--kubeconfig", plane.cluster.kubeconfig.path, "--leader-elect", "--health-port", "\(port)", "--log-level", "error",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let leases = Api<Lease>(plane.client, namespace: "sympozium-system")
            try await waitFor("the Lease") { try await leases.getIfExists("sympozium-controller")?.spec.holderIdentity?.isEmpty == false }
            func get(_ path: String) async throws -> (Int, String) {
                let output = try await ProcessRunner.run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"])
                let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
            }
            try await waitFor("/readyz") { try await get("/readyz").0 == 200 }
            #expect(try await get("/healthz").0 == 200)
            let metrics = try await get("/metrics").1
            #expect(metrics.contains("sympozium_controller_leader 1"))
            // Work happens: an instance gets its status.
            try await plane.apply("""
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumInstance
                metadata: {name: solo}
                spec: {agents: {default: {model: gpt-4o}}}
                """)
            try await waitFor("the instance reconciled") {
                try await Api<SympoziumInstance>(plane.client, namespace: "default").get("solo").status?.phase != nil
            }
            process.terminate()
            try await waitFor("the process to exit") { !process.isRunning }
            let released = try await leases.get("sympozium-controller")
            #expect(released.spec.holderIdentity?.isEmpty ?? true, "graceful shutdown releases the Lease")
        } catch {
            if process.isRunning { process.terminate() }
            await plane.stop()
            throw error
        }
        await plane.stop()
    }
}
