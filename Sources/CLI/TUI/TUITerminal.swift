import Glibc
import Synchronization

/// The controlling terminal in full-screen mode: raw input (no echo, no line
/// buffering, no signals from keys), the alternate screen and a hidden cursor.
/// `restore()` puts everything back and is safe to call more than once, from
/// any thread; a crash (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE)
/// restores the terminal too before the process dies.
final class TUITerminal: Sendable {
    private struct State: ~Copyable {
        var original: termios?
        var active = false
    }

    private let state = Mutex(State())

    /// Leaves the alternate screen, shows the cursor, resets attributes.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J"

    /// True when standard input and output are terminals.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    init() {}

    /// Switches to raw mode and the alternate screen.
    func enter() throws(TUIError) {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            throw TUIError(code: "NoTerminal", "cannot read the terminal's settings (errno \(errno))")
        }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        state.withLock { state in
            state.original = original
            state.active = true
        }
        TUICrashRestore.install(original: original)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
            restore()
            throw TUIError(code: "NoTerminal", "cannot switch the terminal to raw mode (errno \(errno))")
        }
        write(Self.enterSequence)
    }

    /// Puts the terminal back as it was; does nothing the second time.
    func restore() {
        let original: termios? = state.withLock { state in
            guard state.active else { return nil }
            state.active = false
            return state.original
        }
        guard var original else { return }
        write(Self.leaveSequence)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        TUICrashRestore.uninstall()
    }

    /// The window size (rows, columns); 24×80 when the terminal does not say.
    static func size() -> (rows: Int, columns: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return (24, 80) }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Writes all of `text` to standard output, retrying short writes.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(STDOUT_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }
}

/// An error of the TUI with a stable code.
struct TUIError: Error, CustomStringConvertible {
    var code: String
    var message: String

    init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
