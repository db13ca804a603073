import Foundation

/// Runs blocking system calls (getaddrinfo, waitpid, reads on pipes) on a
/// dedicated thread, never on the cooperative pool.
enum BlockingWork {
    static func run<Value: Sendable>(_ name: String, _ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
