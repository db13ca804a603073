import Dispatch
import Foundation

/// Cancels a task on SIGTERM or SIGINT (a pod being stopped), so the
/// programs can still write their outputs before exiting.
public final class SignalCancellation {
    private let sources: [any DispatchSourceSignal]

    /// Starts handling the signals; `stop()` hands them back to the default action.
    public init(signals: [Int32] = [SIGTERM, SIGINT], cancel: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: cancel)
            source.resume()
            return source
        }
    }

    public func stop() {
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
    }
}
