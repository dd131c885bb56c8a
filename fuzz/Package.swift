// swift-tools-version:6.1
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder (`main`, a worktree's name, …), so the root
/// package's identity is computed rather than spelled.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let audiocls = root.lastPathComponent.lowercased()

/// libFuzzer harnesses for audiocls's parsers, one executable per target. Kept out of the root
/// package: these executables only link with `-sanitize=fuzzer`, which provides libFuzzer.
/// Build and run them with `scripts/fuzz.sh TARGET SECONDS`.
let package = Package(
    name: "audiocls-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "FuzzDecode", dependencies: ["FuzzSupport", .product(name: "AudioIO", package: audiocls)]),
        .executableTarget(
            name: "FuzzNPY", dependencies: ["FuzzSupport", .product(name: "NumPyIO", package: audiocls)]),
        .executableTarget(
            name: "FuzzSafeTensors", dependencies: ["FuzzSupport", .product(name: "ComplexNN", package: audiocls)]),
        .executableTarget(
            name: "FuzzManifest", dependencies: ["FuzzSupport", .product(name: "Datasets", package: audiocls)]),
        .executableTarget(
            name: "FuzzPipeline", dependencies: ["FuzzSupport", .product(name: "Pipelines", package: audiocls)]),
    ]
)
