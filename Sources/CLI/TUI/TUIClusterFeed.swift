import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import SympoziumAPI
import Synchronization

/// The objects of the seven views for one namespace (or all), kept current
/// by watches into stores: no polling. `run` lasts until its task is cancelled;
/// `onChange` tells which view changed.
final class TUIClusterFeed: Sendable {
    let client: KubeClient
    /// nil: every namespace.
    let namespace: String?
    let instances = Store<SympoziumInstance>()
    let runs = Store<AgentRun>()
    let policies = Store<SympoziumPolicy>()
    let skills = Store<SkillPack>()
    let channels = Store<Deployment>()
    let agentPods = Store<Pod>()
    let componentPods = Store<Pod>()
    let schedules = Store<SympoziumSchedule>()
    private let errors = Mutex<[TUIViewKind: String]>([:])

    init(client: KubeClient, namespace: String?) {
        self.client = client
        self.namespace = namespace
    }

    func run(onChange: @escaping @Sendable (TUIViewKind) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.watch(self.instances, .instances, onChange: onChange) }
            group.addTask { await self.watch(self.runs, .runs, onChange: onChange) }
            group.addTask { await self.watch(self.policies, .policies, onChange: onChange) }
            group.addTask { await self.watch(self.skills, .skills, onChange: onChange) }
            group.addTask { await self.watch(self.channels, .channels, selector: "\(SympoziumLabel.component)=channel", onChange: onChange) }
            group.addTask { await self.watch(self.agentPods, .pods, selector: "\(SympoziumLabel.role)=agent", onChange: onChange) }
            group.addTask { await self.watch(self.componentPods, .pods, selector: SympoziumLabel.component, onChange: onChange) }
            group.addTask { await self.watch(self.schedules, .schedules, onChange: onChange) }
        }
    }

    private func watch<R: KubernetesResource>(
        _ store: Store<R>, _ kind: TUIViewKind, selector: String? = nil, onChange: @escaping @Sendable (TUIViewKind) -> Void
    ) async {
        let api = namespace.map { Api<R>(client, namespace: $0) } ?? Api<R>(client)
        let logger = Logger(label: "sympozium.tui.watch") { _ in
            TUIWatchLogHandler { [weak self] message in
                self?.errors.withLock { $0[kind] = message }
                onChange(kind)
            }
        }
        var configuration = WatcherConfiguration(labelSelector: selector)
        configuration.backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(10))
        let events = Watcher(api, configuration: configuration, logger: logger).reflect(into: StoreWriter(store: store))
        do {
            for try await event in events {
                switch event {
                case .initStarted, .initApply:
                    continue
                case .initDone:
                    errors.withLock { $0[kind] = nil }
                    onChange(kind)
                case .apply, .delete:
                    onChange(kind)
                }
            }
        } catch {
            // Cancelled: the feed was replaced or the TUI is closing.
        }
    }

    /// The rows of a view as the stores hold them now.
    func table(_ kind: TUIViewKind, now: Date = Date()) -> TUITable {
        let rows: [TUIRow]
        let loaded: Bool
        switch kind {
        case .instances: (rows, loaded) = (TUIRows.instances(instances.list(), now: now), instances.isReady)
        case .runs: (rows, loaded) = (TUIRows.runs(runs.list(), now: now), runs.isReady)
        case .policies: (rows, loaded) = (TUIRows.policies(policies.list(), now: now), policies.isReady)
        case .skills: (rows, loaded) = (TUIRows.skills(skills.list(), now: now), skills.isReady)
        case .channels: (rows, loaded) = (TUIRows.channels(channels.list(), now: now), channels.isReady)
        case .pods: (rows, loaded) = (TUIRows.pods(pods(), now: now), agentPods.isReady && componentPods.isReady)
        case .schedules: (rows, loaded) = (TUIRows.schedules(schedules.list(), now: now), schedules.isReady)
        }
        var table =
            namespace == nil
            ? TUIRows.withNamespaces(rows, headers: TUIRows.headers(kind)) : TUITable(headers: TUIRows.headers(kind), rows: rows)
        table.loaded = loaded
        table.error = errors.withLock { $0[kind] }
        return table
    }

    /// Agent pods and component pods, each once.
    func pods() -> [Pod] {
        var seen = Set<String>()
        return (agentPods.list() + componentPods.list()).filter { pod in
            seen.insert("\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")").inserted
        }
    }

    /// The cached object a row shows, as JSON (for describe).
    func document(for ref: TUIObjectRef) throws -> JSONValue? {
        func encoded<R: KubernetesResource>(_ store: Store<R>) throws -> JSONValue? {
            guard var object = store.get(namespace: ref.namespace, name: ref.name) else { return nil }
            object.fillTypeMeta()
            return try JSONValue(encoding: object)
        }
        switch ref.view {
        case .instances: return try encoded(instances)
        case .runs: return try encoded(runs)
        case .policies: return try encoded(policies)
        case .skills: return try encoded(skills)
        case .channels: return try encoded(channels)
        case .pods: return try encoded(agentPods) ?? encoded(componentPods)
        case .schedules: return try encoded(schedules)
        }
    }
}
