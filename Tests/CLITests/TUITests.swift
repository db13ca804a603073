import Foundation
import Testing

@testable import CLI

@Suite("TUI model: keys, commands, state and rendering without a terminal")
struct TUITests {
    @Test("the key parser reads text, control keys, arrows, paging keys, Shift-Tab and a lone Esc")
    func keyParser() {
        var parser = TUIKeyParser()
        #expect(parser.feed(Array("jk/".utf8)) == [.character("j"), .character("k"), .character("/")])
        #expect(parser.feed([0x0D, 0x09, 0x7F, 0x03]) == [.enter, .tab, .backspace, .control("c")])
        #expect(parser.feed(Array("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[D".utf8)) == [.up, .down, .right, .left])
        #expect(parser.feed(Array("\u{1B}[Z\u{1B}[5~\u{1B}[6~\u{1B}[3~".utf8)) == [.backTab, .pageUp, .pageDown, .delete])
        // A lone ESC waits: it may start a sequence split across reads.
        #expect(parser.feed([0x1B]).isEmpty)
        #expect(parser.hasPending)
        #expect(parser.feed(Array("[A".utf8)) == [.up])
        #expect(parser.feed([0x1B]).isEmpty)
        #expect(parser.flush() == [.escape])
        #expect(!parser.hasPending)
        // UTF-8 split across reads, and an unknown CSI sequence that is dropped.
        let euro = Array("€".utf8)
        #expect(parser.feed(euro.prefix(2)).isEmpty)
        #expect(parser.feed(euro.suffix(1)) == [.character("€")])
        #expect(parser.feed(Array("\u{1B}[1;5Px".utf8)) == [.character("x")])
        // Garbage bytes are skipped, never a crash.
        #expect(parser.feed([0xFF, 0xC3, 0x28]) == [.character("(")])
    }

    @Test("slash commands parse, with clear errors for bad input")
    func slashCommands() throws {
        #expect(try TUISlashCommand.parse("run summarise the open issues") == .run(task: "summarise the open issues"))
        #expect(try TUISlashCommand.parse("/schedule alice 0 9 * * * review alerts") == .schedule(instance: "alice", cron: "0 9 * * *", task: "review alerts"))
        #expect(try TUISlashCommand.parse("schedule alice \"*/5 * * * *\" ping") == .schedule(instance: "alice", cron: "*/5 * * * *", task: "ping"))
        #expect(try TUISlashCommand.parse("schedule alice @every 1h check disks") == .schedule(instance: "alice", cron: "@every 1h", task: "check disks"))
        #expect(try TUISlashCommand.parse("schedule alice @daily tidy up") == .schedule(instance: "alice", cron: "@daily", task: "tidy up"))
        #expect(try TUISlashCommand.parse("memory alice") == .memory(instance: "alice"))
        #expect(try TUISlashCommand.parse("delete run first") == .delete(.runs, name: "first"))
        #expect(try TUISlashCommand.parse("delete pods p1") == .delete(.pods, name: "p1"))
        #expect(try TUISlashCommand.parse("ns team-a") == .namespace("team-a"))
        #expect(try TUISlashCommand.parse("ns *") == .namespace(nil))
        for view in ["instances", "runs", "policies", "skills", "channels", "pods", "schedules"] {
            #expect(try TUISlashCommand.parse(view) == .view(try #require(TUIViewKind(word: view))))
        }
        #expect(try TUISlashCommand.parse("help") == .help)
        #expect(try TUISlashCommand.parse("quit") == .quit)

        func failure(_ text: String) -> String {
            do {
                _ = try TUISlashCommand.parse(text)
                return ""
            } catch {
                return error.message
            }
        }
        #expect(failure("run").contains("usage: /run <task>"))
        #expect(failure("schedule alice 61 * * * * x").contains("invalid schedule \"61 * * * *\""))
        #expect(failure("schedule alice 0 9 * *").contains("usage: /schedule"))
        #expect(failure("delete gizmo x").contains("unknown type \"gizmo\""))
        #expect(failure("ns Not_A_Namespace").contains("is not a namespace name"))
        #expect(failure("frobnicate").contains("unknown command /frobnicate"))
        #expect(failure("").contains("type a command"))
    }

    static func sampleState() -> TUIState {
        var state = TUIState(context: "local", namespace: "default", allNamespaces: false)
        state.update(
            .instances,
            table: TUITable(
                headers: TUIRows.headers(.instances),
                rows: [
                    TUIRow(namespace: "default", name: "alice", cells: ["alice", "Running", "slack", "0", "2", "p", "1m"], phase: "Running"),
                    TUIRow(namespace: "default", name: "bob", cells: ["bob", "Running", "<none>", "0", "0", "p", "1m"], phase: "Running"),
                ], loaded: true))
        state.update(
            .runs,
            table: TUITable(
                headers: TUIRows.headers(.runs),
                rows: [
                    TUIRow(namespace: "default", name: "r2", cells: ["r2", "bob", "Running", "3s", "", "", "3s"], phase: "Running", instance: "bob"),
                    TUIRow(namespace: "default", name: "r1", cells: ["r1", "alice", "Failed", "1s", "", "boom", "1m"], phase: "Failed", instance: "alice"),
                ], loaded: true))
        return state
    }

    @Test("keys move between views and rows, open panels, ask before deleting, and quit")
    func keys() {
        var state = Self.sampleState()
        #expect(state.handle(.character("j")).isEmpty)
        #expect(state.selectedRef(.instances)?.name == "bob")
        _ = state.handle(.character("j"))
        #expect(state.selectedRef(.instances)?.name == "bob")
        _ = state.handle(.character("k"))
        #expect(state.selectedRef(.instances)?.name == "alice")
        _ = state.handle(.tab)
        #expect(state.view == .runs)
        _ = state.handle(.backTab)
        _ = state.handle(.backTab)
        #expect(state.view == .schedules)
        _ = state.handle(.character("5"))
        #expect(state.view == .channels)
        _ = state.handle(.character("1"))

        // Enter on an instance shows its runs; Esc shows them all again.
        #expect(state.handle(.enter).isEmpty)
        #expect(state.view == .runs)
        #expect(state.visibleRows(.runs).map(\.name) == ["r1"])
        // /run acts on the filtered instance.
        _ = state.handle(.character("/"))
        for character in "run say hi" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [.createRun(instance: "alice", namespace: "default", task: "say hi")])
        _ = state.handle(.escape)
        #expect(state.visibleRows(.runs).count == 2)

        #expect(state.handle(.character("l")) == [.logs(TUIObjectRef(view: .runs, namespace: "default", name: "r2"))])
        state.openPanel(kind: .logs, title: "Logs", lines: [], follow: true)
        #expect(state.handle(.escape) == [.closePanel])
        #expect(state.panel == nil)
        #expect(state.handle(.character("d")) == [.describe(TUIObjectRef(view: .runs, namespace: "default", name: "r2"))])

        // x asks first; n cancels, y deletes.
        #expect(state.handle(.character("x")).isEmpty)
        #expect(state.confirmation?.prompt == "Delete run r2? (y/n)")
        #expect(state.handle(.character("n")).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.status?.text == "cancelled")
        _ = state.handle(.character("x"))
        #expect(state.handle(.character("y")) == [.delete(TUIObjectRef(view: .runs, namespace: "default", name: "r2"))])

        // Logs only where there are some.
        _ = state.handle(.character("3"))
        #expect(state.handle(.character("l")).isEmpty)

        _ = state.handle(.character("?"))
        #expect(state.panel?.kind == .help)
        _ = state.handle(.character("?"))
        #expect(state.panel == nil)
        #expect(state.handle(.character("r")) == [.refresh])
        #expect(state.handle(.character("q")) == [.quit])
        #expect(state.handle(.control("c")) == [.quit])
    }

    @Test("typed commands: backspace, Esc, bad input reported in the status line, /delete asks")
    func commandLine() {
        var state = Self.sampleState()
        _ = state.handle(.character("/"))
        for character in "nsx" { _ = state.handle(.character(character)) }
        _ = state.handle(.backspace)
        #expect(state.commandLine == "ns")
        _ = state.handle(.escape)
        #expect(state.commandLine == nil)
        #expect(state.runCommand("bogus").isEmpty)
        #expect(state.status?.isError == true)
        #expect(state.runCommand("delete run r1").isEmpty)
        #expect(state.confirmation?.effect == .delete(TUIObjectRef(view: .runs, namespace: "default", name: "r1")))
        #expect(state.handle(.character("y")).count == 1)
        #expect(state.runCommand("ns team-a") == [.switchNamespace("team-a")])
        #expect(state.runCommand("memory") == [.memory(instance: "alice", namespace: "default")])
        #expect(state.runCommand("schedule bob @hourly x") == [.createSchedule(instance: "bob", namespace: "default", cron: "@hourly", task: "x")])
        #expect(state.runCommand("schedules").isEmpty)
        #expect(state.view == .schedules)

        var empty = TUIState(context: "c", namespace: "default", allNamespaces: false)
        #expect(empty.runCommand("run hello").isEmpty)
        #expect(empty.status?.text.contains("no instance in namespace default") == true)
    }

    @Test("the frame fits the terminal: 24 lines of at most 80 characters, and follows a resize")
    func rendering() {
        var state = Self.sampleState()
        let lines = TUIRenderer.lines(state, style: .plain)
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[0].contains("context: local"))
        #expect(lines[0].contains("namespace: default"))
        #expect(lines[1].contains("[1 Instances]"))
        #expect(lines[2].hasPrefix("  NAME"))
        #expect(lines[3].hasPrefix("> alice"))
        #expect(lines[4].hasPrefix("  bob"))
        #expect(lines[23].contains("q quit"))

        state.rows = 30
        state.columns = 120
        let wide = TUIRenderer.lines(state, style: .plain)
        #expect(wide.count == 30)
        #expect(wide.allSatisfy { $0.count <= 120 })
        #expect(wide[0].count == 120)

        // A long result and a hostile log line stay on one line, without escapes.
        state.rows = 24
        state.columns = 80
        state.openPanel(kind: .logs, title: "Logs", lines: [], follow: true)
        state.appendToPanel(state.panel?.id ?? 0, "plain\n\u{1B}[2J\u{1B}]0;evil\u{07}" + String(repeating: "x", count: 300) + "\n")
        let panel = TUIRenderer.lines(state, style: .plain)
        #expect(panel.count == 24)
        #expect(panel.allSatisfy { $0.count <= 80 && !$0.contains("\u{1B}") })
        #expect(panel.contains { $0 == "plain" })

        // Styled output colours phases; without colour only attributes remain.
        let coloured = TUIRenderer.lines(Self.sampleState(), style: TUIStyle(attributes: true, colour: true)).joined()
        #expect(coloured.contains("\u{1B}[36m") || coloured.contains("\u{1B}[1;36m"))
        let noColour = TUIRenderer.lines(Self.sampleState(), style: TUIStyle.forTerminal(environment: ["NO_COLOR": "1", "TERM": "xterm"]))
            .joined()
        #expect(!noColour.contains("\u{1B}[3"))
        #expect(!noColour.contains("\u{1B}[1;3"))
        #expect(noColour.contains("\u{1B}[7m"))

        let tiny = TUIState(context: "c", namespace: "n", allNamespaces: false)
        var small = tiny
        small.rows = 3
        small.columns = 10
        #expect(TUIRenderer.lines(small, style: .plain).count == 3)
    }

    @Test("streamed log text: partial lines wait, the panel follows, the line count is capped")
    func logPanel() {
        var panel = TUIPanel(kind: .logs, title: "Logs", lines: [TUIPanel.waiting], follow: true, id: 1)
        panel.append("one\ntw")
        #expect(panel.lines == ["one"])
        panel.append("o\r\nthree")
        #expect(panel.lines == ["one", "two"])
        panel.finish(note: "— end of log —")
        #expect(panel.lines == ["one", "two", "three", "— end of log —"])
        panel.scroll(by: -1, height: 2)
        #expect(!panel.follow)
        #expect(panel.visibleTop(height: 2) == 1)
        panel.scrollToEnd(height: 2)
        #expect(panel.follow)
        panel.append(String(repeating: "line\n", count: TUIPanel.maximumLines + 10))
        #expect(panel.lines.count == TUIPanel.maximumLines)
    }

    @Test("column widths shrink the widest columns to fit, and text is cut with an ellipsis")
    func columns() {
        let widths = TUIText.columnWidths(
            headers: ["NAME", "RESULT", "AGE"], rows: [["a-fairly-long-run-name", String(repeating: "r", count: 60), "10m"]], width: 40)
        #expect(widths.reduce(0, +) + 4 <= 40)
        #expect(widths[2] >= 3)
        #expect(TUIText.fit("abcdef", width: 4) == "abc…")
        #expect(TUIText.fit("ab", width: 4, pad: true) == "ab  ")
        #expect(TUIText.sanitize("a\tb\u{1B}c\r") == "a    b�c")
    }
}
