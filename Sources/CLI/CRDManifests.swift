import Foundation
import KubeModel
import KubeYAML
import SympoziumAPI

/// Renders the generated CRDs as the files committed under config/crd/bases.
public enum CRDManifests {
    public struct File: Sendable, Hashable {
        public var name: String
        public var contents: String
    }

    public static func files() throws -> [File] {
        try SympoziumKinds.all.map { kind in
            let yaml = try YAMLWriter.render(encoding: kind.customResourceDefinition)
            return File(name: SympoziumKinds.manifestFileName(for: kind), contents: "---\n" + yaml)
        }
    }

    /// Writes every file into `directory`, creating it if needed; returns the paths written.
    @discardableResult
    public static func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files().map { file in
            let url = directory.appending(path: file.name)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
            return url
        }
    }
}
