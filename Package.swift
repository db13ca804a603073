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
        .library(name: "KubeModel", targets: ["KubeModel"]),
        .library(name: "SympoziumAPI", targets: ["SympoziumAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Kubernetes object model: pure value types, no I/O.
        .target(name: "KubeModel", swiftSettings: strict),
        // YAML <-> JSONValue, multi-document manifests, deterministic rendering.
        .target(
            name: "KubeYAML",
            dependencies: ["KubeModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // sympozium.ai/v1alpha1: types, defaulting, validation, CRD generation.
        .target(name: "SympoziumAPI", dependencies: ["KubeModel"], swiftSettings: strict),
        // The `sympozium` command tree.
        .target(
            name: "CLI",
            dependencies: [
                "KubeModel", "KubeYAML", "SympoziumAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            plugins: ["BuildInfoPlugin"]
        ),
        .executableTarget(name: "sympozium", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(
            name: "SympoziumBench",
            dependencies: ["KubeModel", "KubeYAML", "SympoziumAPI"],
            swiftSettings: strict
        ),
        // Build-time helper that stamps the git commit into the CLI.
        .executableTarget(name: "BuildInfoTool", swiftSettings: strict),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["BuildInfoTool"]),

        .testTarget(name: "KubeModelTests", dependencies: ["KubeModel"], swiftSettings: strict),
        .testTarget(name: "KubeYAMLTests", dependencies: ["KubeYAML"], swiftSettings: strict),
        .testTarget(
            name: "SympoziumAPITests",
            dependencies: ["SympoziumAPI", "KubeYAML"],
            swiftSettings: strict
        ),
        .testTarget(name: "CLITests", dependencies: ["CLI"], swiftSettings: strict),
    ]
)
