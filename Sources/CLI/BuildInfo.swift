/// Version and provenance of this build.
public enum BuildInfo {
    public static let version = "0.1.0"
    public static let gitCommit = GeneratedBuildInfo.gitCommit
    public static let gitTreeDirty = GeneratedBuildInfo.gitTreeDirty

    public static var summary: String {
        let commit = gitTreeDirty ? "\(gitCommit)-dirty" : gitCommit
        return "sympozium \(version) (commit \(commit))"
    }
}
