import Controllers
import Foundation
import KubeClient
import KubeModel
import KubeYAML
import SympoziumAPI

extension TUIApp {
    /// Carries out one effect; false when the TUI should end.
    func perform(_ effect: TUIEffect, state: inout TUIState) -> Bool {
        switch effect {
        case .quit:
            return false
        case .redraw:
            terminal.write("\u{1B}[2J")
        case .refresh:
            for kind in TUIViewKind.allCases { state.tables[kind]?.loaded = false }
            startFeed(namespace: state.allNamespaces ? nil : state.namespace)
        case .switchNamespace(let namespace):
            state.allNamespaces = namespace == nil
            if let namespace { state.namespace = namespace }
            state.runFilter = nil
            state.selection = [:]
            state.selectedName = [:]
            for kind in TUIViewKind.allCases { state.tables[kind] = TUITable(headers: TUIRows.headers(kind)) }
            state.setStatus("namespace: \(namespace ?? "all namespaces")")
            startFeed(namespace: namespace)
        case .closePanel:
            let task = tasks.withLock { tasks in
                defer { tasks.panelTask = nil }
                return tasks.panelTask
            }
            task?.cancel()
        case .describe(let ref):
            describe(ref, state: &state)
        case .logs(let ref):
            openLogs(ref, state: &state)
        case .delete(let ref):
            state.setStatus("deleting \(ref.view.singular) \(ref.name)…")
            let client = client
            background {
                do {
                    try await Self.delete(ref, client: client)
                    return { $0.setStatus("\(ref.view.singular) \(ref.name) deleted") }
                } catch {
                    let message = Self.describe(error)
                    return { $0.setStatus("cannot delete \(ref.view.singular) \(ref.name): \(message)", error: true) }
                }
            }
        case .createRun(let instance, let namespace, let task):
            state.setStatus("creating a run of \(instance)…")
            let client = client
            background {
                do {
                    let name = try await Self.createRun(instance: instance, namespace: namespace, task: task, client: client)
                    return { state in
                        _ = state.switchView(.runs)
                        state.select(.runs, name: name)
                        state.setStatus("run \(name) created")
                    }
                } catch {
                    let message = Self.describe(error)
                    return { $0.setStatus("cannot create a run of \(instance): \(message)", error: true) }
                }
            }
        case .createSchedule(let instance, let namespace, let cron, let task):
            let client = client
            background {
                do {
                    let name = try await Self.createSchedule(instance: instance, namespace: namespace, cron: cron, task: task, client: client)
                    return { state in
                        _ = state.switchView(.schedules)
                        state.select(.schedules, name: name)
                        state.setStatus("schedule \(name) created")
                    }
                } catch {
                    let message = Self.describe(error)
                    return { $0.setStatus("cannot create a schedule of \(instance): \(message)", error: true) }
                }
            }
        case .memory(let instance, let namespace):
            showMemory(instance: instance, namespace: namespace, state: &state)
        }
        return true
    }

    private func describe(_ ref: TUIObjectRef, state: inout TUIState) {
        let title = "Describe \(ref.view.singular) \(ref.namespace)/\(ref.name)"
        do {
            guard var document = try tasks.withLock({ $0.feed })?.document(for: ref) else {
                state.setStatus("\(ref.view.singular) \(ref.name) is gone", error: true)
                return
            }
            document["metadata"]?["managedFields"] = nil
            let yaml = try YAMLWriter.render(document)
            state.openPanel(kind: .describe, title: title, lines: yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), source: .describe(ref))
        } catch {
            state.setStatus("cannot describe \(ref.name): \(error)", error: true)
        }
    }

    private func showMemory(instance: String, namespace: String, state: inout TUIState) {
        let id = state.openPanel(
            kind: .memory, title: "Memory of \(namespace)/\(instance) (ConfigMap \(instance)-memory, MEMORY.md)", lines: [TUIPanel.waiting],
            source: .memory(instance: instance, namespace: namespace))
        let client = client
        background {
            do {
                let configMap = try await Api<ConfigMap>(client, namespace: namespace).get("\(instance)-memory")
                let memory = configMap.data["MEMORY.md"] ?? ""
                return { state in
                    state.appendToPanel(id, memory.isEmpty ? "(MEMORY.md is empty)\n" : memory)
                    state.finishPanel(id, note: nil)
                }
            } catch let error as KubeAPIError where error.isNotFound {
                return { $0.finishPanel(id, note: "instance \(instance) has no memory ConfigMap \(instance)-memory (is memory enabled in its spec?)") }
            } catch {
                let message = Self.describe(error)
                return { $0.finishPanel(id, note: "error: \(message)") }
            }
        }
    }

    static func delete(_ ref: TUIObjectRef, client: KubeClient) async throws {
        switch ref.view {
        case .instances: _ = try await Api<SympoziumInstance>(client, namespace: ref.namespace).delete(ref.name)
        case .runs: _ = try await Api<AgentRun>(client, namespace: ref.namespace).delete(ref.name)
        case .policies: _ = try await Api<SympoziumPolicy>(client, namespace: ref.namespace).delete(ref.name)
        case .skills: _ = try await Api<SkillPack>(client, namespace: ref.namespace).delete(ref.name)
        case .channels: _ = try await Api<Deployment>(client, namespace: ref.namespace).delete(ref.name)
        case .pods: _ = try await Api<Pod>(client, namespace: ref.namespace).delete(ref.name)
        case .schedules: _ = try await Api<SympoziumSchedule>(client, namespace: ref.namespace).delete(ref.name)
        }
    }

    /// An AgentRun with the instance's default model, first auth secret and provider.
    static func createRun(instance name: String, namespace: String, task: String, client: KubeClient) async throws -> String {
        let instance = try await Api<SympoziumInstance>(client, namespace: namespace).get(name)
        let spec = RunTemplate.spec(for: instance, task: task, sessionKey: UUID().uuidString.lowercased())
        let run = AgentRun(metadata: ObjectMeta(generateName: "\(name)-run-", namespace: namespace), spec: spec)
        return try await Api<AgentRun>(client, namespace: namespace).create(run).metadata.name ?? ""
    }

    static func createSchedule(instance: String, namespace: String, cron: String, task: String, client: KubeClient) async throws -> String {
        _ = try await Api<SympoziumInstance>(client, namespace: namespace).get(instance)
        let schedule = SympoziumSchedule(
            metadata: ObjectMeta(generateName: "\(instance)-schedule-", namespace: namespace),
            spec: SympoziumScheduleSpec(instanceRef: instance, schedule: cron, task: task))
        return try await Api<SympoziumSchedule>(client, namespace: namespace).create(schedule).metadata.name ?? ""
    }

    /// One line for the status bar.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as KubeAPIError: error.causes.isEmpty ? error.message : error.description
        case let error as KubeClientError: "cannot reach the cluster: \(error.message)"
        default: "\(error)"
        }
    }
}
