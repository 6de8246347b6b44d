// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "auditlint",
    products: [
        .executable(name: "auditlint", targets: ["Lint"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "Checks", targets: ["Checks"]),
    ],
    targets: [
        // System zlib, used for raw inflate of ZIP entries (.docx / .xlsx).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "Core", dependencies: ["CZlib"], path: "Sources/Core"),
        .target(name: "Checks", dependencies: ["Core"], path: "Sources/Checks"),
        .executableTarget(name: "Lint", dependencies: ["Core", "Checks"], path: "Sources/Lint"),
        // Builders the test targets share: ZIP archives for hostile Office files, seeded randomness.
        .target(name: "TestSupport", dependencies: ["CZlib"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["Core", "TestSupport"], path: "Tests/CoreTests", resources: [.copy("Fixtures")]),
        .testTarget(name: "ChecksTests", dependencies: ["Core", "Checks", "TestSupport"], path: "Tests/ChecksTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LintTests", dependencies: ["Core", "Checks", "Lint", "TestSupport"], path: "Tests/LintTests"),
    ],
    swiftLanguageModes: [.v5]
)
