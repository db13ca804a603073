import CLI
import Foundation
import Testing

@Suite("Generated CRD manifests")
struct GeneratedManifestsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// config/crd/bases is committed; regenerating it must change nothing.
    @Test func committedCRDsMatchTheGenerator() throws {
        let directory = Self.packageRoot.appending(path: "config/crd/bases")
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") })
        let generated = try CRDManifests.files()
        #expect(committed == Set(generated.map(\.name)), "files in config/crd/bases differ from the generated set")
        for file in generated {
            let onDisk = try String(contentsOf: directory.appending(path: file.name), encoding: .utf8)
            #expect(onDisk == file.contents, "\(file.name) drifted: run `swift run sympozium manifests crds --output config/crd/bases`")
        }
    }

    /// config/webhook/manifests.yaml is committed; regenerating it must change nothing.
    @Test func committedWebhookConfigurationsMatchTheGenerator() throws {
        let onDisk = try String(contentsOf: Self.packageRoot.appending(path: WebhookManifestFile.path), encoding: .utf8)
        #expect(onDisk == (try WebhookManifestFile.render()), "run `swift run sympozium manifests webhook -o \(WebhookManifestFile.path)`")
    }

    @Test func writesIntoANewDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "crds-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let written = try CRDManifests.write(to: directory)
        #expect(written.count == 5)
    }

    @Test func versionNamesTheCommit() {
        #expect(BuildInfo.summary.hasPrefix("sympozium \(BuildInfo.version) (commit "))
    }
}
