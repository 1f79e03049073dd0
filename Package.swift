// swift-tools-version: 6.2
import PackageDescription

/// Settings every hookd target shares: Swift 6 mode is the package default; these add the
/// upcoming features the house style relies on and make any warning fail the build.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "hookd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hookd", targets: ["hookd"]),
        .executable(name: "hookctl", targets: ["hookctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "HookdCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "HookdSchema", dependencies: ["HookdCore"]),
        // SQLite's default VFS with the write-ahead log's writes of a commit gathered into
        // one (`SQLiteWALWrites`).
        .target(
            name: "CSQLiteWALWrites",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "HookdStore",
            dependencies: [
                "HookdCore",
                "CSQLiteWALWrites",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, which the delivery path's hot writes bind through
                // (`DirectStatement`); the library GRDB itself links.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "HookdDelivery",
            dependencies: [
                "HookdCore", "HookdStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "HookdRPC",
            dependencies: [
                "HookdCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "HookdAPI", dependencies: ["HookdCore", "HookdRPC"]),
        .target(
            name: "HookdManifest",
            dependencies: ["HookdCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "HookdDaemon",
            dependencies: [
                "HookdCore", "HookdSchema", "HookdStore", "HookdDelivery", "HookdRPC", "HookdAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "hookd",
            dependencies: [
                "HookdCore", "HookdDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "hookctl",
            dependencies: [
                "HookdCore", "HookdRPC", "HookdAPI", "HookdSchema", "HookdManifest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                // `hookctl listen` is an HTTP server.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "hookd-bench",
            dependencies: [
                "HookdCore", "HookdRPC", "HookdAPI", "HookdTesting", "HookdDelivery", "HookdStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                // The latency row's own producer and receiver run on event loops of their own.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "HookdTesting",
            dependencies: [
                "HookdCore", "HookdRPC", "HookdAPI", "HookdSchema", "HookdStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "HookdCoreTests", dependencies: ["HookdCore", "HookdTesting"]),
        .testTarget(name: "HookdSchemaTests", dependencies: ["HookdSchema", "HookdCore", "HookdTesting"]),
        .testTarget(
            name: "HookdAPITests", dependencies: ["HookdAPI", "HookdRPC", "HookdSchema", "HookdCore", "HookdTesting"]
        ),
        .testTarget(
            name: "HookdStoreTests",
            dependencies: [
                "HookdStore", "HookdCore", "HookdTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HookdRPCTests",
            dependencies: [
                "HookdRPC", "HookdAPI", "HookdCore", "HookdTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HookdDeliveryTests",
            dependencies: [
                "HookdDelivery", "HookdStore", "HookdCore", "HookdTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HookdManifestTests",
            dependencies: ["HookdManifest", "HookdSchema", "HookdCore", "HookdTesting"]
        ),
        .testTarget(
            name: "HookdIntegrationTests",
            dependencies: [
                "HookdTesting", "HookdRPC", "HookdAPI", "HookdSchema", "HookdCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
