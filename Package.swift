// swift-tools-version:6.1
import PackageDescription

/// A system C library wrapped as a SwiftPM target: a module map plus one header, found with
/// pkg-config and installed from Debian's packages (`scripts/install-deps`).
func systemLibrary(_ name: String, pkgConfig: String, apt: [String]) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt(apt)])
}

let package = Package(
    name: "audiocls",
    products: [
        .executable(name: "audiocls", targets: ["audiocls"]),
        .library(name: "NumPyIO", targets: ["NumPyIO"]),
        .library(name: "AudioIO", targets: ["AudioIO"]),
        .library(name: "Spectral", targets: ["Spectral"]),
        .library(name: "ComplexNN", targets: ["ComplexNN"]),
        .library(name: "PhaseGraph", targets: ["PhaseGraph"]),
        .library(name: "AudioClassifier", targets: ["AudioClassifier"]),
    ],
    traits: [
        .trait(
            name: "MPI",
            description: "`--distributed mpi` training through OpenMPI (libopenmpi-dev): swift build --traits MPI")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - C libraries (one Swift importer each)
        systemLibrary("CSndfile", pkgConfig: "sndfile", apt: ["libsndfile1-dev"]),
        systemLibrary("CSoxr", pkgConfig: "soxr", apt: ["libsoxr-dev"]),
        systemLibrary("CFFTW", pkgConfig: "fftw3f", apt: ["libfftw3-dev"]),
        systemLibrary("COpenBLAS", pkgConfig: "openblas", apt: ["libopenblas-dev"]),
        systemLibrary("CDeflate", pkgConfig: "libdeflate", apt: ["libdeflate-dev"]),
        systemLibrary("CCrypto", pkgConfig: "libcrypto", apt: ["libssl-dev"]),
        // Built only with the MPI trait (scripts/ci-mpi); the default build never looks for it.
        systemLibrary("CMPI", pkgConfig: "ompi-c", apt: ["libopenmpi-dev"]),

        // MARK: - Libraries
        .target(name: "NumPyIO", dependencies: ["CDeflate"]),
        .target(name: "AudioIO", dependencies: ["CSndfile", "CSoxr"]),
        .target(name: "Spectral", dependencies: ["CFFTW"]),
        .target(name: "ComplexNN", dependencies: ["COpenBLAS"]),
        .target(name: "PhaseGraph", dependencies: ["ComplexNN"]),
        .target(
            name: "AudioClassifier",
            dependencies: [
                "AudioIO", "Spectral", "ComplexNN", "PhaseGraph", "NumPyIO", "CCrypto", "Yams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "MPISupport",
            dependencies: ["AudioClassifier", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]),
        .executableTarget(
            name: "audiocls",
            dependencies: [
                "AudioClassifier",
                "AudioIO",
                "ComplexNN",
                "PhaseGraph",
                "MPISupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // A timing tool for bench/cvcnn_step_vs_torch.py, not part of the CLI.
        .executableTarget(
            name: "bench-cvcnn",
            dependencies: ["ComplexNN", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/BenchCVCNN"),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["NumPyIO", "ComplexNN"], path: "Tests/TestSupport"),
        .testTarget(name: "NumPyIOTests", dependencies: ["NumPyIO", "TestSupport"]),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "TestSupport"]),
        .testTarget(name: "SpectralTests", dependencies: ["Spectral", "TestSupport"]),
        .testTarget(name: "ComplexNNTests", dependencies: ["ComplexNN", "TestSupport"]),
        .testTarget(name: "PhaseGraphTests", dependencies: ["PhaseGraph", "ComplexNN", "TestSupport"]),
        .testTarget(name: "AudioClassifierTests", dependencies: ["AudioClassifier", "ComplexNN", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ]
)
