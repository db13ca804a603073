// swift-tools-version: 6.1
import PackageDescription

/// Every target builds in Swift 6 language mode (complete strict concurrency).
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Sympozium",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sympozium", targets: ["sympozium"]),
        .executable(name: "sympozium-bench", targets: ["SympoziumBench"]),
        .executable(name: "sympozium-agent-runner", targets: ["sympozium-agent-runner"]),
        .executable(name: "sympozium-tool-executor", targets: ["sympozium-tool-executor"]),
        .executable(name: "sympozium-ipc-bridge", targets: ["sympozium-ipc-bridge"]),
        .executable(name: "sympozium-channel-telegram", targets: ["sympozium-channel-telegram"]),
        .executable(name: "sympozium-channel-slack", targets: ["sympozium-channel-slack"]),
        .library(name: "KubeModel", targets: ["KubeModel"]),
        .library(name: "SympoziumAPI", targets: ["SympoziumAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // Kubernetes object model: pure value types, no I/O.
        .target(name: "KubeModel", swiftSettings: strict),
        // API server semantics as pure functions: patches, server-side apply,
        // selectors, RBAC evaluation, table printing.
        .target(name: "APIMachinery", dependencies: ["KubeModel"], swiftSettings: strict),
        // YAML <-> JSONValue, multi-document manifests, deterministic rendering.
        .target(
            name: "KubeYAML",
            dependencies: ["KubeModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // sympozium.ai/v1alpha1: types, defaulting, validation, CRD generation.
        .target(name: "SympoziumAPI", dependencies: ["KubeModel"], swiftSettings: strict),
        // Kubernetes API client: kubeconfig and in-cluster configuration, typed and
        // dynamic APIs, watches, typed errors.
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeModel", "KubeYAML",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Controller runtime: watcher, reflector store, controller, finalizers,
        // events, leader election.
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeModel", "KubeClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Reconcilers for the five Sympozium kinds and the manager that runs them.
        .target(
            name: "Controllers",
            dependencies: [
                "KubeModel", "SympoziumAPI", "KubeClient", "KubeRuntime", "EventBus",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Kubernetes-compatible API server on SQLite, for embedded mode.
        .target(
            name: "EmbeddedCluster",
            dependencies: [
                "KubeModel", "KubeYAML", "APIMachinery", "SympoziumAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        // The program in every agent pod: LLM providers, the tool loop, built-in
        // tools, IPC files, result and memory blocks. Lean: no Kubernetes client.
        .target(
            name: "AgentRunner",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "sympozium-agent-runner", dependencies: ["AgentRunner"], swiftSettings: strict),
        .executableTarget(name: "sympozium-tool-executor", dependencies: ["AgentRunner"], swiftSettings: strict),
        // NATS core + JetStream client on SwiftNIO, the EventBus protocol with its
        // NATS and in-process implementations.
        .target(
            name: "EventBus",
            dependencies: [
                "KubeModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The IPC bridge sidecar: /ipc files <-> event bus.
        .target(
            name: "IPCBridge",
            dependencies: [
                "EventBus", "KubeModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sympozium-ipc-bridge",
            dependencies: [
                "IPCBridge", "EventBus",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Channel pods: a messaging platform <-> the event bus. Lean: no Kubernetes client.
        .target(
            name: "Channels",
            dependencies: [
                "EventBus",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sympozium-channel-telegram",
            dependencies: ["Channels", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sympozium-channel-slack",
            dependencies: ["Channels", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // SympoziumPolicy enforcement: the policy engine and the admission webhook.
        .target(
            name: "Admission",
            dependencies: [
                "KubeModel", "SympoziumAPI", "APIMachinery", "EmbeddedCluster", "KubeClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Embedded mode's node: Job and Deployment controllers and a kubelet that
        // runs Pods as bubblewrap sandboxes. Speaks only the Kubernetes API.
        .target(
            name: "LocalNode",
            dependencies: [
                "KubeModel", "KubeClient", "KubeRuntime", "EmbeddedCluster",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Sympozium's own HTTP + WebSocket API: REST over the five kinds, pods
        // and logs, and a WebSocket stream of event-bus events. Speaks only the
        // Kubernetes API and the event bus.
        .target(
            name: "APIServer",
            dependencies: [
                "KubeModel", "SympoziumAPI", "KubeClient", "EventBus",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The `sympozium` command tree.
        .target(
            name: "CLI",
            dependencies: [
                "KubeModel", "KubeYAML", "SympoziumAPI", "EmbeddedCluster", "KubeClient", "KubeRuntime", "Controllers", "LocalNode", "Admission", "EventBus", "APIMachinery", "APIServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict,
            plugins: ["BuildInfoPlugin"]
        ),
        .executableTarget(name: "sympozium", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(
            name: "SympoziumBench",
            dependencies: [
                "KubeModel", "KubeYAML", "SympoziumAPI", "EmbeddedCluster", "KubeClient", "KubeRuntime",
                "AgentRunner", "EventBus", "Admission", "LocalNode",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Build-time helper that stamps the git commit into the CLI.
        .executableTarget(name: "BuildInfoTool", swiftSettings: strict),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["BuildInfoTool"]),

        .testTarget(name: "KubeModelTests", dependencies: ["KubeModel"], swiftSettings: strict),
        .testTarget(name: "APIMachineryTests", dependencies: ["APIMachinery"], swiftSettings: strict),
        .testTarget(name: "KubeYAMLTests", dependencies: ["KubeYAML"], swiftSettings: strict),
        .testTarget(
            name: "SympoziumAPITests",
            dependencies: ["SympoziumAPI", "KubeYAML"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EmbeddedClusterTests",
            dependencies: [
                "EmbeddedCluster", "KubeModel", "ClusterTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Scripts"],
            swiftSettings: strict
        ),
        .testTarget(name: "CLITests", dependencies: ["CLI", "ClusterTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "AgentRunnerTests",
            dependencies: [
                "AgentRunner", "ClusterTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "EventBusTests", dependencies: ["EventBus", "IPCBridge"], swiftSettings: strict),
        .testTarget(
            name: "ChannelsTests",
            dependencies: [
                "Channels", "EventBus", "ClusterTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AdmissionTests",
            dependencies: [
                "Admission", "SympoziumAPI", "KubeModel", "KubeYAML", "ClusterTestSupport", "EmbeddedCluster",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LocalNodeTests",
            dependencies: ["LocalNode", "KubeClient", "KubeRuntime", "ClusterTestSupport"],
            swiftSettings: strict
        ),
        // Shared by the test targets that run an embedded API server.
        .target(
            name: "ClusterTestSupport",
            dependencies: [
                "EmbeddedCluster", "KubeModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/ClusterTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ControllersTests",
            dependencies: ["Controllers", "KubeClient", "KubeRuntime", "ClusterTestSupport", "SympoziumAPI", "KubeYAML", "EventBus"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "APIServerTests",
            dependencies: [
                "APIServer", "ClusterTestSupport", "EmbeddedCluster", "KubeClient", "KubeModel", "SympoziumAPI", "EventBus",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeRuntime", "ClusterTestSupport", "SympoziumAPI"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
