/// Everything the screen shows, without any terminal I/O: the current view,
/// the rows of every view, the selection, the open panel, the command line
/// and the last status message. Keys change it and return effects for
/// `TUIApp` to carry out; the renderer draws it.
struct TUIState: Sendable {
    var context: String
    var namespace: String
    var allNamespaces: Bool
    var view: TUIViewKind = .instances
    var tables: [TUIViewKind: TUITable] = [:]
    /// Selected row index per view.
    var selection: [TUIViewKind: Int] = [:]
    /// The name of the selected row per view, to keep it selected as rows change.
    var selectedName: [TUIViewKind: String] = [:]
    /// Runs of this instance only (Enter on an instance).
    var runFilter: String?
    var panel: TUIPanel?
    /// The text typed after "/", nil when no command is being typed.
    var commandLine: String?
    var confirmation: TUIConfirmation?
    var status: TUIStatus?
    var rows = 24
    var columns = 80
    private var nextPanelID = 1

    init(context: String, namespace: String, allNamespaces: Bool) {
        self.context = context
        self.namespace = namespace
        self.allNamespaces = allNamespaces
        for kind in TUIViewKind.allCases { tables[kind] = TUITable(headers: TUIViewKind.headers(kind)) }
    }

    /// Lines the list or panel body gets on screen.
    var bodyHeight: Int { max(1, rows - 4) }

    /// The rows the current filter lets through.
    func visibleRows(_ kind: TUIViewKind) -> [TUIRow] {
        let rows = tables[kind]?.rows ?? []
        guard kind == .runs, let runFilter else { return rows }
        return rows.filter { $0.instance == runFilter }
    }

    func selectedIndex(_ kind: TUIViewKind) -> Int {
        let count = visibleRows(kind).count
        return count == 0 ? 0 : min(max(0, selection[kind] ?? 0), count - 1)
    }

    func selectedRow(_ kind: TUIViewKind) -> TUIRow? {
        let rows = visibleRows(kind)
        return rows.isEmpty ? nil : rows[selectedIndex(kind)]
    }

    func selectedRef(_ kind: TUIViewKind) -> TUIObjectRef? {
        selectedRow(kind).map { TUIObjectRef(view: kind, namespace: $0.namespace ?? namespace, name: $0.name) }
    }

    // MARK: - Updates from the cluster

    /// New rows for a view; the selected object stays selected when it still exists.
    mutating func update(_ kind: TUIViewKind, table: TUITable) {
        tables[kind] = table
        if let name = selectedName[kind], let index = visibleRows(kind).firstIndex(where: { $0.name == name }) {
            selection[kind] = index
        } else {
            selection[kind] = selectedIndex(kind)
            selectedName[kind] = selectedRow(kind)?.name
        }
    }

    mutating func select(_ kind: TUIViewKind, index: Int) {
        selection[kind] = index
        selection[kind] = selectedIndex(kind)
        selectedName[kind] = selectedRow(kind)?.name
    }

    /// Selects an object by name (a run just created), now or when it appears.
    mutating func select(_ kind: TUIViewKind, name: String) {
        selectedName[kind] = name
        if let index = visibleRows(kind).firstIndex(where: { $0.name == name }) { selection[kind] = index }
    }

    mutating func setStatus(_ text: String, error: Bool = false) {
        status = TUIStatus(text: text, isError: error)
    }

    /// Opens a panel and returns its id (for the stream that fills it).
    @discardableResult
    mutating func openPanel(kind: TUIPanel.Kind, title: String, lines: [String], follow: Bool = false, source: TUIEffect? = nil) -> Int {
        let id = nextPanelID
        nextPanelID += 1
        panel = TUIPanel(kind: kind, title: title, lines: lines, follow: follow, id: id, source: source)
        return id
    }

    /// Streamed text for the panel `id`; dropped when that panel has closed.
    mutating func appendToPanel(_ id: Int, _ text: String) {
        guard panel?.id == id else { return }
        panel?.append(text)
    }

    mutating func finishPanel(_ id: Int, note: String?) {
        guard panel?.id == id else { return }
        panel?.finish(note: note)
    }

    /// The next panel's id, reserved before it opens.
    var upcomingPanelID: Int { nextPanelID }

    mutating func switchView(_ kind: TUIViewKind) -> [TUIEffect] {
        var effects: [TUIEffect] = []
        if panel != nil {
            panel = nil
            effects.append(.closePanel)
        }
        view = kind
        return effects
    }
}
