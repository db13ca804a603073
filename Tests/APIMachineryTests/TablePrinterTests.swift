import APIMachinery
import Foundation
import KubeModel
import Testing

@Suite("Table printing: built-in kinds")
struct TablePrinterTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static func ago(_ seconds: Double) -> JSONValue { .string(RFC3339.format(now.addingTimeInterval(-seconds))) }

    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "web-1", "namespace": "default", "resourceVersion": "7", "creationTimestamp": ago(300)],
        "spec": ["nodeName": "node-a", "containers": [["name": "app"], ["name": "sidecar"]]],
        "status": [
            "phase": "Running", "podIP": "10.0.0.7",
            "conditions": [["type": "Ready", "status": "False"]],
            "containerStatuses": [
                ["name": "app", "ready": true, "restartCount": 2, "state": ["running": ["startedAt": ago(60)]],
                 "lastState": ["terminated": ["exitCode": 1, "finishedAt": ago(90)]]],
                ["name": "sidecar", "ready": false, "restartCount": 0,
                 "state": ["waiting": ["reason": "CrashLoopBackOff"]]],
            ],
        ],
    ]

    @Test func podTableHasKubectlShape() throws {
        let table = ResourceTablePrinter.pods.table(
            for: [Self.pod], listMeta: ListMeta(resourceVersion: "99"), includeObject: .metadata, now: Self.now)
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(table["metadata"] == ["resourceVersion": "99"])
        let columns = table["columnDefinitions"]?.arrayValue ?? []
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == [
            "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates",
        ])
        #expect(columns.first?["format"] == "name")
        #expect(columns[1]["format"] == "")
        #expect(columns[5]["priority"] == 1)
        #expect(columns.allSatisfy { $0.objectValue?.keys.sorted() == ["description", "format", "name", "priority", "type"] })
        let row = table["rows"]?.arrayValue?.first
        #expect(row?["cells"] == [
            "web-1", "1/2", "CrashLoopBackOff", "2 (90s ago)", "5m", "10.0.0.7", "node-a", "<none>", "<none>",
        ])
        #expect(row?["object"] == [
            "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": Self.pod["metadata"] ?? nil,
        ])
        #expect(row?["conditions"] == nil)
    }

    @Test func includeObjectPolicies() throws {
        let full = ResourceTablePrinter.pods.table(for: Self.pod, includeObject: .object, now: Self.now)
        #expect(full["metadata"] == ["resourceVersion": "7"])
        #expect(full["rows"]?.arrayValue?.first?["object"] == Self.pod)
        let none = ResourceTablePrinter.pods.table(for: [Self.pod], includeObject: .none, now: Self.now)
        #expect(none["rows"]?.arrayValue?.first?["object"] == .null)
        #expect(try IncludeObjectPolicy(queryValue: nil) == .metadata)
        #expect(try IncludeObjectPolicy(queryValue: "Object") == .object)
        #expect(throws: TablePrintingError.self) { try IncludeObjectPolicy(queryValue: "All") }
        let empty = ResourceTablePrinter.generic.table(for: [JSONValue](), now: Self.now)
        #expect(empty["rows"] == [])
    }

    @Test func podStatusReasons() {
        func status(_ pod: JSONValue) -> JSONValue? {
            ResourceTablePrinter.pods.row(for: pod, now: Self.now).cells[2]
        }
        let pending: JSONValue = ["metadata": ["name": "p"], "spec": ["containers": [["name": "a"]]],
                                  "status": ["phase": "Pending"]]
        #expect(status(pending) == "Pending")
        let initWaiting: JSONValue = [
            "metadata": ["name": "p"], "spec": ["initContainers": [["name": "i"]], "containers": [["name": "a"]]],
            "status": ["phase": "Pending", "initContainerStatuses": [["name": "i", "state": ["waiting": ["reason": "PodInitializing"]]]]],
        ]
        #expect(status(initWaiting) == "Init:0/1")
        let completed: JSONValue = [
            "metadata": ["name": "p"], "spec": ["containers": [["name": "a"]]],
            "status": ["phase": "Succeeded", "containerStatuses": [["name": "a", "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]]],
        ]
        #expect(status(completed) == "Completed")
        let row = ResourceTablePrinter.pods.row(for: completed, now: Self.now)
        #expect(row.conditions.first?.reason == "Succeeded")
        let terminating: JSONValue = ["metadata": ["name": "p", "deletionTimestamp": Self.ago(1)],
                                      "status": ["phase": "Running"]]
        #expect(status(terminating) == "Terminating")
        let signal: JSONValue = [
            "metadata": ["name": "p"], "status": ["phase": "Failed", "containerStatuses": [["name": "a", "state": ["terminated": ["exitCode": 137, "signal": 9]]]]],
        ]
        #expect(status(signal) == "Signal:9")
    }

    @Test func deploymentsJobsAndCoreKinds() {
        let deployment: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": Self.ago(7200)],
            "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                     "template": ["spec": ["containers": [["name": "app", "image": "nginx:1"]]]]],
            "status": ["readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2],
        ]
        #expect(ResourceTablePrinter.deployments.row(for: deployment, now: Self.now).cells == [
            "web", "2/3", 3, 2, "120m", "app", "nginx:1", "app=web",
        ])
        let job: JSONValue = [
            "metadata": ["name": "once", "creationTimestamp": Self.ago(600)],
            "spec": ["completions": 1, "template": ["spec": ["containers": [["name": "run", "image": "busybox"]]]]],
            "status": ["succeeded": 1, "startTime": Self.ago(590), "completionTime": Self.ago(545),
                       "conditions": [["type": "Complete", "status": "True"]]],
        ]
        #expect(ResourceTablePrinter.jobs.row(for: job, now: Self.now).cells == [
            "once", "Complete", "1/1", "45s", "10m", "run", "busybox", "<none>",
        ])
        let configMap: JSONValue = ["metadata": ["name": "cfg", "creationTimestamp": Self.ago(30)], "data": ["a": "1", "b": "2"]]
        #expect(ResourceTablePrinter.configMaps.row(for: configMap, now: Self.now).cells == ["cfg", 2, "30s"])
        let secret: JSONValue = ["metadata": ["name": "s"], "type": "Opaque", "data": ["k": "dg=="]]
        #expect(ResourceTablePrinter.secrets.row(for: secret, now: Self.now).cells == ["s", "Opaque", 1, "<unknown>"])
        let namespace: JSONValue = ["metadata": ["name": "ns", "creationTimestamp": Self.ago(86_400 * 3)], "status": ["phase": "Active"]]
        #expect(ResourceTablePrinter.namespaces.row(for: namespace, now: Self.now).cells == ["ns", "Active", "3d"])
        let account: JSONValue = ["metadata": ["name": "default", "creationTimestamp": Self.ago(10)]]
        #expect(ResourceTablePrinter.serviceAccounts.row(for: account, now: Self.now).cells == ["default", 0, "10s"])
        let crd: JSONValue = ["metadata": ["name": "agentruns.sympozium.ai", "creationTimestamp": "2024-05-01T10:00:00Z"]]
        let crdPrinter = ResourceTablePrinter.forKind(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition")
        #expect(crdPrinter.columns.map(\.name) == ["Name", "Created At"])
        #expect(crdPrinter.row(for: crd, now: Self.now).cells == ["agentruns.sympozium.ai", "2024-05-01T10:00:00Z"])
        #expect(ResourceTablePrinter.forKind(group: "", kind: "Lease").columns.map(\.name) == ["Name", "Age"])
    }

    @Test func events() {
        let event: JSONValue = [
            "metadata": ["name": "web-1.17a"],
            "involvedObject": ["kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"],
            "reason": "BackOff", "type": "Warning", "message": " Back-off restarting \n",
            "source": ["component": "kubelet", "host": "node-a"],
            "firstTimestamp": Self.ago(3600), "lastTimestamp": Self.ago(20), "count": 7,
        ]
        let printer = ResourceTablePrinter.events
        #expect(printer.columns.filter { $0.priority == 0 }.map(\.name) == ["Last Seen", "Type", "Reason", "Object", "Message"])
        #expect(printer.row(for: event, now: Self.now).cells == [
            "20s", "Warning", "BackOff", "pod/web-1", "spec.containers{app}", "kubelet, node-a", "Back-off restarting",
            "60m", 7, "web-1.17a",
        ])
    }
}
