import Foundation

// Writes BuildInfo.swift with the git commit of the package being built.
// Usage: BuildInfoTool <package-directory> <output-file>
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: BuildInfoTool <package-directory> <output-file>\n".utf8))
    exit(2)
}

func git(_ args: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", arguments[1]] + args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

let commit = git(["rev-parse", "HEAD"]) ?? "unknown"
let dirty = (git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false)
let source = """
    // Generated at build time by BuildInfoTool. Do not edit.
    enum GeneratedBuildInfo {
        static let gitCommit = "\(commit)"
        static let gitTreeDirty = \(dirty)
    }

    """
let output = URL(fileURLWithPath: arguments[2])
if (try? String(contentsOf: output, encoding: .utf8)) != source {
    do {
        try source.write(to: output, atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("BuildInfoTool: cannot write \(output.path): \(error)\n".utf8))
        exit(1)
    }
}
