import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Questions on the terminal. Lines are read on a thread of their own, so a
/// waiting prompt never blocks the cooperative pool; secrets are read with
/// echo off when standard input is a terminal.
struct Prompter: Sendable {

    /// Asks until `validate` accepts the answer (nil: accepted); empty input takes the default.
    func ask(_ question: String, default value: String? = nil, secret: Bool = false, validate: (String) -> String? = { _ in nil }) async throws
        -> String
    {
        while true {
            let hint = value.map { $0.isEmpty ? "" : " [\($0)]" } ?? ""
            // Echo goes off before the prompt shows, so nothing typed after it is echoed.
            let saved = secret ? Self.echoOff() : nil
            Console.write("  \(question)\(hint): ")
            let line = await Self.readLine()
            if let saved { Self.restore(saved) }
            guard let line else { throw CLIError(code: "EndOfInput", "cancelled: the input ended before the question \"\(question)\" was answered") }
            if secret { Console.write("\n") }
            let answer = line.trimmingCharacters(in: .whitespaces).isEmpty ? (value ?? "") : line.trimmingCharacters(in: .whitespaces)
            if let problem = validate(answer) {
                Console.write("  \(problem)\n")
                continue
            }
            return answer
        }
    }

    /// A numbered choice; returns the chosen option.
    func choose(_ question: String, _ options: [String], default index: Int = 0) async throws -> String {
        Console.write("  \(question)\n")
        for (number, option) in options.enumerated() { Console.write("    \(number + 1)) \(option)\n") }
        let answer = try await ask("Choose 1-\(options.count)", default: "\(index + 1)") { text in
            guard let number = Int(text), (1...options.count).contains(number) else {
                return options.contains(text) ? nil : "answer a number from 1 to \(options.count)"
            }
            return nil
        }
        if let number = Int(answer) { return options[number - 1] }
        return answer
    }

    func confirm(_ question: String, default yes: Bool) async throws -> Bool {
        let answer = try await ask("\(question) (y/n)", default: yes ? "y" : "n") { ["y", "yes", "n", "no"].contains($0.lowercased()) ? nil : "answer y or n" }
        return answer.lowercased().hasPrefix("y")
    }

    private static func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Swift.readLine(strippingNewline: true)) }
            thread.start()
        }
    }

    /// Turns terminal echo off when standard input is a terminal; returns the settings to restore.
    private static func echoOff() -> termios? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        return saved
    }

    private static func restore(_ saved: termios) {
        var saved = saved
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
