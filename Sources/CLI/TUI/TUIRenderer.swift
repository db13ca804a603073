/// Draws a `TUIState` as exactly `rows` lines of at most `columns` visible
/// characters: header, view tabs, the list or panel, a status line and the
/// key hints, command line or question.
enum TUIRenderer {
    static func lines(_ state: TUIState, style: TUIStyle) -> [String] {
        let width = state.columns
        let height = state.rows
        guard width >= 20, height >= 6 else {
            return [TUIText.fit("terminal too small", width: max(1, width))] + Array(repeating: "", count: max(0, height - 1))
        }
        var lines = [header(state, style: style), tabs(state, style: style)]
        if let panel = state.panel {
            lines += panelLines(panel, state: state, style: style)
        } else {
            lines += listLines(state, style: style)
        }
        lines.append(statusLine(state, style: style))
        lines.append(footer(state, style: style))
        return lines
    }

    /// The frame as one write: home, each line cleared to its end, no scrolling.
    static func frame(_ lines: [String]) -> String {
        "\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
    }

    private static func header(_ state: TUIState, style: TUIStyle) -> String {
        let namespace = state.allNamespaces ? "*all*" : state.namespace
        let text = TUIText.fit(
            TUIText.sanitize(" Sympozium   context: \(state.context)   namespace: \(namespace)"), width: state.columns - 8, pad: true)
        return style.colour(text, .cyan, bold: true) + style.dim(TUIText.fit("  ? help", width: 8, pad: true))
    }

    private static func tabs(_ state: TUIState, style: TUIStyle) -> String {
        var used = 0
        var parts: [String] = []
        for kind in TUIViewKind.allCases {
            let label = kind == state.view ? "[\(kind.rawValue) \(kind.title)]" : " \(kind.rawValue) \(kind.title) "
            guard used + label.count <= state.columns else { break }
            used += label.count
            parts.append(kind == state.view ? style.reverse(label) : label)
        }
        return parts.joined()
    }

    private static func listLines(_ state: TUIState, style: TUIStyle) -> [String] {
        let height = state.bodyHeight
        let table = state.tables[state.view] ?? TUITable(headers: TUIRows.headers(state.view))
        let rows = state.visibleRows(state.view)
        let widths = TUIText.columnWidths(headers: table.headers, rows: rows.map(\.cells), width: state.columns - 2)
        func cells(_ values: [String]) -> String {
            zip(values, widths).map { TUIText.fit(TUIText.sanitize($0), width: $1, pad: true) }.joined(separator: "  ")
        }
        var lines = [style.bold(TUIText.fit("  " + cells(table.headers), width: state.columns))]
        if rows.isEmpty {
            let text: String
            if let error = table.error {
                text = "  cannot list \(state.view.title.lowercased()): \(error) (retrying)"
            } else if !table.loaded {
                text = "  loading…"
            } else if state.view == .runs, let filter = state.runFilter {
                text = "  No runs of instance \(filter). Esc shows every run; /run <task> starts one."
            } else {
                text = "  No \(state.view.title.lowercased()) in \(state.allNamespaces ? "any namespace" : "namespace \(state.namespace)")."
            }
            lines.append(style.dim(TUIText.fit(text, width: state.columns)))
        }
        let selected = state.selectedIndex(state.view)
        let visible = height - 1
        let top = selected >= visible ? selected - visible + 1 : 0
        for (index, row) in rows.enumerated().dropFirst(top).prefix(visible) {
            let isSelected = index == selected
            let text = TUIText.fit((isSelected ? "> " : "  ") + cells(row.cells), width: state.columns, pad: isSelected)
            if isSelected {
                lines.append(style.reverse(text))
            } else {
                lines.append(style.colour(text, TUIStyle.colour(forPhase: row.phase)))
            }
        }
        return padded(lines, to: height)
    }

    private static func panelLines(_ panel: TUIPanel, state: TUIState, style: TUIStyle) -> [String] {
        let height = state.bodyHeight - 1
        let top = panel.visibleTop(height: height)
        let position = panel.lines.isEmpty ? "" : "  [\(top + 1)-\(min(panel.lines.count, top + height))/\(panel.lines.count)]"
        let following = panel.kind == .logs && panel.follow ? "  following" : ""
        var lines = [style.bold(TUIText.fit(TUIText.sanitize(panel.title) + position + following, width: state.columns))]
        for line in panel.lines.dropFirst(top).prefix(height) {
            lines.append(TUIText.fit(TUIText.sanitize(line), width: state.columns))
        }
        return padded(lines, to: state.bodyHeight)
    }

    private static func statusLine(_ state: TUIState, style: TUIStyle) -> String {
        if let status = state.status {
            let text = TUIText.fit(TUIText.sanitize(status.text), width: state.columns)
            return status.isError ? style.colour(text, .red, bold: true) : style.colour(text, .green)
        }
        guard state.panel == nil else { return "" }
        let count = state.visibleRows(state.view).count
        var text = "\(state.view.title): \(count) \(count == 1 ? "object" : "objects")"
        if state.view == .runs, let filter = state.runFilter { text += " of instance \(filter)" }
        return style.dim(TUIText.fit(text, width: state.columns))
    }

    private static func footer(_ state: TUIState, style: TUIStyle) -> String {
        if let confirmation = state.confirmation {
            return style.colour(TUIText.fit(TUIText.sanitize(confirmation.prompt), width: state.columns), .yellow, bold: true)
        }
        if let command = state.commandLine {
            let text = "/" + TUIText.sanitize(command)
            // Keep the end of a long command in view, with a cursor after it.
            let visible = text.count >= state.columns ? "…" + String(text.suffix(state.columns - 2)) : text
            return visible + style.reverse(" ")
        }
        let hints =
            state.panel == nil
            ? "1-7 view  j/k move  ⏎ open  l logs  d describe  x delete  / cmd  ? help  q quit"
            : "esc back  j/k scroll  g/G top/end  r reload  / cmd  ? help  q quit"
        return style.dim(TUIText.fit(hints, width: state.columns))
    }

    private static func padded(_ lines: [String], to height: Int) -> [String] {
        Array(lines.prefix(height)) + Array(repeating: "", count: max(0, height - lines.count))
    }
}
