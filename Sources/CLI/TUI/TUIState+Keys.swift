/// What each key does, by mode: a y/n question, the command line, an open
/// panel, or the list.
extension TUIState {
    mutating func handle(_ key: TUIKey) -> [TUIEffect] {
        status = nil
        if key == .control("c") { return [.quit] }
        if key == .control("l") { return [.redraw] }
        if let confirmation {
            self.confirmation = nil
            if key == .character("y") || key == .character("Y") { return [confirmation.effect] }
            setStatus("cancelled")
            return []
        }
        if commandLine != nil { return handleCommandKey(key) }
        if panel != nil { return handlePanelKey(key) }
        return handleListKey(key)
    }

    private mutating func handleCommandKey(_ key: TUIKey) -> [TUIEffect] {
        switch key {
        case .escape:
            commandLine = nil
        case .backspace:
            if commandLine?.isEmpty == true { commandLine = nil } else { commandLine?.removeLast() }
        case .enter:
            let text = commandLine ?? ""
            commandLine = nil
            return runCommand(text)
        case .character(let character):
            commandLine?.append(character)
        case .control("u"):
            commandLine = ""
        default:
            break
        }
        return []
    }

    /// Keys shared by the list and panels; nil when the key is not one of them.
    private mutating func handleGlobalKey(_ key: TUIKey) -> [TUIEffect]? {
        switch key {
        case .character("q"):
            return [.quit]
        case .character("/"), .character(":"):
            commandLine = ""
            return []
        case .character("?"):
            if panel?.kind == .help {
                panel = nil
                return []
            }
            let effects: [TUIEffect] = panel == nil ? [] : [.closePanel]
            openPanel(kind: .help, title: "Help", lines: TUIHelp.lines)
            return effects
        case .tab:
            return switchView(view.next)
        case .backTab:
            return switchView(view.previous)
        case .character(let character):
            if let number = character.wholeNumberValue, let kind = TUIViewKind(rawValue: number) { return switchView(kind) }
            return nil
        default:
            return nil
        }
    }

    private mutating func handlePanelKey(_ key: TUIKey) -> [TUIEffect] {
        if let effects = handleGlobalKey(key) { return effects }
        let height = bodyHeight
        switch key {
        case .escape:
            panel = nil
            return [.closePanel]
        case .character("j"), .down: panel?.scroll(by: 1, height: height)
        case .character("k"), .up: panel?.scroll(by: -1, height: height)
        case .pageDown, .character(" "), .control("f"): panel?.scroll(by: height, height: height)
        case .pageUp, .control("b"): panel?.scroll(by: -height, height: height)
        case .character("g"), .home:
            panel?.top = 0
            panel?.follow = false
        case .character("G"), .end: panel?.scrollToEnd(height: height)
        case .character("r"):
            if let source = panel?.source { return [.closePanel, source] }
        default: break
        }
        return []
    }

    private mutating func handleListKey(_ key: TUIKey) -> [TUIEffect] {
        if let effects = handleGlobalKey(key) { return effects }
        let count = visibleRows(view).count
        let index = selectedIndex(view)
        switch key {
        case .character("j"), .down: select(view, index: index + 1)
        case .character("k"), .up: select(view, index: index - 1)
        case .pageDown, .control("f"): select(view, index: index + bodyHeight - 1)
        case .pageUp, .control("b"): select(view, index: index - bodyHeight + 1)
        case .character("g"), .home: select(view, index: 0)
        case .character("G"), .end: select(view, index: count - 1)
        case .escape:
            if view == .runs, runFilter != nil {
                runFilter = nil
                select(view, index: 0)
            }
        case .enter:
            guard let ref = selectedRef(view) else { return [] }
            if view == .instances {
                runFilter = ref.name
                view = .runs
                select(.runs, index: 0)
                setStatus("runs of instance \(ref.name) (Esc shows every run)")
                return []
            }
            return [.describe(ref)]
        case .character("d"):
            return selectedRef(view).map { [.describe($0)] } ?? []
        case .character("l"):
            guard let ref = selectedRef(view) else { return [] }
            guard [.runs, .pods, .channels].contains(view) else {
                setStatus("logs are for runs, pods and channels; this is \(view.title)", error: true)
                return []
            }
            return [.logs(ref)]
        case .character("x"), .delete:
            guard let ref = selectedRef(view) else { return [] }
            confirmation = TUIConfirmation(prompt: "Delete \(view.singular) \(ref.name)? (y/n)", effect: .delete(ref))
        case .character("r"):
            setStatus("refreshing…")
            return [.refresh]
        default:
            break
        }
        return []
    }
}
