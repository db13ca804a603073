import Foundation

/// A failure of the local node, with a stable code and a message meant for
/// the pod's status or an operator.
public struct NodeError: Error, CustomStringConvertible, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func spawnFailed(_ executable: String, errno: Int32) -> NodeError {
        NodeError(code: "SpawnFailed", "cannot start \(executable): \(String(cString: strerror(errno)))")
    }

    static func imageNotMapped(_ image: String) -> NodeError {
        NodeError(
            code: "ErrImagePull",
            "image \"\(image)\" is not mapped to a local program: add {\"\(image)\": \"/path/to/program\"} to "
                + "<data-dir>/images.json or pass --image \(image)=/path/to/program to sympozium up")
    }

    /// The image is mapped, but its program is not installed (a channel this build does not have).
    static func programMissing(_ image: String, program: String, searched: [String]) -> NodeError {
        NodeError(
            code: "ErrImagePull",
            "image \"\(image)\" maps to the program \(program), which is not in \(searched.joined(separator: ", ")) or PATH: "
                + "install it, or map the image to another program in <data-dir>/images.json or with --image \(image)=/path/to/program")
    }
}
