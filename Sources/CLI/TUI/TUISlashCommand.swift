import SympoziumAPI

/// A command typed after "/".
enum TUISlashCommand: Hashable, Sendable {
    case run(task: String)
    case schedule(instance: String, cron: String, task: String)
    case memory(instance: String?)
    case view(TUIViewKind)
    case delete(TUIViewKind, name: String)
    /// nil: every namespace.
    case namespace(String?)
    case help
    case quit

    /// A command that cannot be carried out as typed.
    struct ParseError: Error, Hashable, Sendable {
        var message: String
    }

    static let usage = "/run <task>, /schedule <instance> <cron> <task>, /memory <instance>, /delete <type> <name>, /ns <namespace>, /help, /quit"

    /// Parses the text typed after "/" (a leading "/" is allowed too).
    static func parse(_ text: String) throws(ParseError) -> TUISlashCommand {
        var line = Substring(text).trimmingWhitespace()
        if line.hasPrefix("/") || line.hasPrefix(":") { line = line.dropFirst() }
        let words = tokenize(String(line))
        guard let verb = words.first?.lowercased() else { throw ParseError(message: "type a command: \(usage)") }
        let rest = Array(words.dropFirst())
        switch verb {
        case "run":
            guard !rest.isEmpty else { throw ParseError(message: "usage: /run <task>") }
            return .run(task: rest.joined(separator: " "))
        case "schedule":
            return try parseSchedule(rest)
        case "memory", "mem":
            guard rest.count <= 1 else { throw ParseError(message: "usage: /memory <instance>") }
            return .memory(instance: rest.first)
        case "delete", "del", "rm":
            guard rest.count == 2 else { throw ParseError(message: "usage: /delete <type> <name>, e.g. /delete run first") }
            guard let kind = TUIViewKind(word: rest[0]) else {
                throw ParseError(message: "unknown type \"\(rest[0])\": instance, run, policy, skill, channel, pod or schedule")
            }
            return .delete(kind, name: rest[1])
        case "ns", "namespace":
            guard rest.count == 1 else { throw ParseError(message: "usage: /ns <namespace> (or /ns * for every namespace)") }
            if rest[0] == "*" || rest[0] == "-A" || rest[0] == "--all-namespaces" { return .namespace(nil) }
            guard Names.isDNSLabel(rest[0]) else { throw ParseError(message: "\"\(rest[0])\" is not a namespace name") }
            return .namespace(rest[0])
        case "help", "h", "?":
            return .help
        case "quit", "q", "exit":
            return .quit
        default:
            if rest.isEmpty, let kind = TUIViewKind(word: verb) { return .view(kind) }
            throw ParseError(message: "unknown command /\(verb): \(usage)")
        }
    }

    /// `<instance> <cron> <task>`: the cron is one quoted word, an @-descriptor
    /// (`@every` takes the next word), or five fields.
    private static func parseSchedule(_ words: [String]) throws(ParseError) -> TUISlashCommand {
        let usage = "usage: /schedule <instance> <cron> <task>, e.g. /schedule alice \"0 9 * * *\" review alerts"
        guard words.count >= 3 else { throw ParseError(message: usage) }
        let instance = words[0]
        var cronWords: Int
        if words[1].contains(" ") || (words[1].hasPrefix("@") && words[1] != "@every") {
            cronWords = 1
        } else if words[1] == "@every" {
            cronWords = 2
        } else {
            cronWords = 5
        }
        guard words.count > 1 + cronWords else { throw ParseError(message: usage) }
        let cron = words[1...cronWords].joined(separator: " ")
        do {
            _ = try CronSchedule(parsing: cron)
        } catch {
            throw ParseError(message: "invalid schedule \"\(cron)\": \(error)")
        }
        return .schedule(instance: instance, cron: cron, task: words[(1 + cronWords)...].joined(separator: " "))
    }

    /// Splits on spaces; "double" or 'single' quotes keep spaces in a word.
    static func tokenize(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}

extension TUIState {
    /// Carries out a typed command: changes the state and returns the effects.
    mutating func runCommand(_ text: String) -> [TUIEffect] {
        let command: TUISlashCommand
        do {
            command = try TUISlashCommand.parse(text)
        } catch {
            setStatus(error.message, error: true)
            return []
        }
        switch command {
        case .quit:
            return [.quit]
        case .help:
            let effects: [TUIEffect] = panel == nil ? [] : [.closePanel]
            openPanel(kind: .help, title: "Help", lines: TUIHelp.lines)
            return effects
        case .view(let kind):
            return switchView(kind)
        case .namespace(let namespace):
            return [.switchNamespace(namespace)]
        case .run(let task):
            guard let instance = targetInstance() else { return [] }
            return [.createRun(instance: instance.name, namespace: instance.namespace, task: task)]
        case .schedule(let instance, let cron, let task):
            return [.createSchedule(instance: instance, namespace: namespaceOf(.instances, name: instance), cron: cron, task: task)]
        case .memory(let name):
            if let name { return [.memory(instance: name, namespace: namespaceOf(.instances, name: name))] }
            guard let instance = targetInstance() else { return [] }
            return [.memory(instance: instance.name, namespace: instance.namespace)]
        case .delete(let kind, let name):
            let ref = TUIObjectRef(view: kind, namespace: namespaceOf(kind, name: name), name: name)
            confirmation = TUIConfirmation(prompt: "Delete \(kind.singular) \(name)? (y/n)", effect: .delete(ref))
            return []
        }
    }

    /// The instance a command without one acts on: the filtered one, the
    /// selected one in view 1 (the only one when there is one).
    private mutating func targetInstance() -> TUIObjectRef? {
        if let runFilter { return TUIObjectRef(view: .instances, namespace: namespaceOf(.instances, name: runFilter), name: runFilter) }
        if let ref = selectedRef(.instances) { return ref }
        setStatus("no instance in \(allNamespaces ? "any namespace" : "namespace \(namespace)"): create one first", error: true)
        return nil
    }

    /// Where an object of a view lives: its row's namespace, else the current one.
    func namespaceOf(_ kind: TUIViewKind, name: String) -> String {
        tables[kind]?.rows.first { $0.name == name }?.namespace ?? namespace
    }
}
