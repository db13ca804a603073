import Glibc

/// Restores the terminal when the process crashes: handlers for the fatal
/// signals write the leave sequence and the saved termios with
/// async-signal-safe calls only, then put back the handler that was there
/// before (the Swift runtime's backtracer, or the default action) and raise
/// the signal again.
enum TUICrashRestore {
    static let signals: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]

    static func install(original: termios) {
        crashTermios = original
        crashRestoreArmed = 1
        for signal in signals where signal < previousActionCount {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previousActions + Int(signal))
        }
    }

    static func uninstall() {
        crashRestoreArmed = 0
        for signal in signals where signal < previousActionCount {
            sigaction(signal, previousActions + Int(signal), nil)
        }
    }
}

// Read by the signal handler, which can use nothing but plain memory: written
// before the handlers are installed and not changed while they are.
nonisolated(unsafe) private var crashTermios = termios()
nonisolated(unsafe) private var crashRestoreArmed: Int32 = 0
private let previousActionCount: Int32 = 65
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(previousActionCount))
    pointer.initialize(repeating: sigaction(), count: Int(previousActionCount))
    return pointer
}()

private let crashHandler: @convention(c) (Int32) -> Void = { signal in
    if crashRestoreArmed == 1 {
        crashRestoreArmed = 0
        let sequence: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
        _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &crashTermios)
    }
    if signal >= 0 && signal < previousActionCount {
        sigaction(signal, previousActions + Int(signal), nil)
    }
    raise(signal)
}
