import NIOCore

/// Runs tasks on one NIO event loop. A publisher that prefers its client's
/// executor (`withTaskExecutorPreference(client.taskExecutor)`) shares the
/// thread that writes and reads the socket, so neither a publish nor a
/// reply's resumption has to wake another thread.
public final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
