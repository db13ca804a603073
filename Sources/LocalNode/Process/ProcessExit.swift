/// How a container process ended.
public struct ProcessExit: Sendable, Hashable, Codable {
    /// The exit code Kubernetes reports (128 + signal when killed).
    public var exitCode: Int32
    /// The signal that ended it, if any.
    public var signal: Int32?

    public init(exitCode: Int32, signal: Int32? = nil) {
        self.exitCode = exitCode
        self.signal = signal
    }

    /// From a waitpid status. bwrap reports a killed child as 128 + signal.
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        if signal == 0 {
            exitCode = (status >> 8) & 0xff
            self.signal = exitCode > 128 && exitCode < 160 ? exitCode - 128 : nil
        } else {
            exitCode = 128 + signal
            self.signal = signal
        }
    }
}
