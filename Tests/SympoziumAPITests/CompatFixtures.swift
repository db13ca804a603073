import Foundation
import KubeModel
import KubeYAML
import Testing

/// The original implementation's manifests, kept beside the project in ../shared/compat.
enum CompatFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appending(path: "shared/compat")

    /// YAML files of one fixture folder; fails the test when the folder is missing.
    static func files(in folder: String) throws -> [URL] {
        let directory = root.appending(path: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        try #require(!files.isEmpty, "no fixtures in \(directory.path)")
        return files.map { directory.appending(path: $0) }
    }

    static func documents(in file: URL) throws -> [JSONValue] {
        try YAMLReader.parseAll(String(contentsOf: file, encoding: .utf8))
    }
}
