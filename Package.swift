// swift-tools-version:6.1
import PackageDescription

/// A system C library wrapped as a SwiftPM target: a module map plus one header, found with
/// pkg-config and installed from Debian's packages (`scripts/install-deps`).
func systemLibrary(_ name: String, pkgConfig: String, apt: [String]) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt(apt)])
}

/// The option structs (`TrainingOverrides`, `ExtractionOverrides`, `SpectralOverrides`) are
/// `ParsableArguments` in the library, so the modules that define them parse with it too.
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

/// swift-log's `Logger`: the library modules log notes, warnings and debug detail through it; the
/// CLI decides where they go and at which level (`--verbose`, `--quiet`).
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "audiocls",
    products: [
        .executable(name: "audiocls", targets: ["audiocls"]),
        .library(name: "NumPyIO", targets: ["NumPyIO"]),
        .library(name: "AudioIO", targets: ["AudioIO"]),
        .library(name: "Spectral", targets: ["Spectral"]),
        .library(name: "ComplexNN", targets: ["ComplexNN"]),
        .library(name: "PhaseGraph", targets: ["PhaseGraph"]),
        .library(name: "ClassifierSupport", targets: ["ClassifierSupport"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "FeatureExtraction", targets: ["FeatureExtraction"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Bundles", targets: ["Bundles"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "Synthesis", targets: ["Synthesis"]),
        .library(name: "Pipelines", targets: ["Pipelines"]),
    ],
    traits: [
        .trait(
            name: "MPI",
            description: "`--distributed mpi` training through OpenMPI (libopenmpi-dev): swift build --traits MPI")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - C libraries (one Swift importer each)
        systemLibrary("CSndfile", pkgConfig: "sndfile", apt: ["libsndfile1-dev"]),
        systemLibrary("CSoxr", pkgConfig: "soxr", apt: ["libsoxr-dev"]),
        systemLibrary("CFFTW", pkgConfig: "fftw3f", apt: ["libfftw3-dev"]),
        systemLibrary("COpenBLAS", pkgConfig: "openblas", apt: ["libopenblas-dev"]),
        systemLibrary("CDeflate", pkgConfig: "libdeflate", apt: ["libdeflate-dev"]),
        systemLibrary("CISAL", pkgConfig: "libisal", apt: ["libisal-dev"]),
        systemLibrary("CCrypto", pkgConfig: "libcrypto", apt: ["libssl-dev"]),
        // Built only with the MPI trait (scripts/ci-mpi); the default build never looks for it.
        systemLibrary("CMPI", pkgConfig: "ompi-c", apt: ["libopenmpi-dev"]),
        // Our one C target: float ↔ half conversion with F16C where the CPU has it (`extract --dtype float16`).
        .target(name: "CHalf"),

        // MARK: - Libraries
        .target(name: "NumPyIO", dependencies: ["CDeflate", "CISAL", "CHalf"]),
        .target(name: "AudioIO", dependencies: ["CSndfile", "CSoxr"]),
        .target(name: "Spectral", dependencies: ["CFFTW"]),
        .target(name: "ComplexNN", dependencies: ["COpenBLAS"]),
        .target(name: "PhaseGraph", dependencies: ["ComplexNN"]),

        // MARK: - The classifier, along the data's path (no module imports one further down)
        // Errors, hashing, locking, progress and parallel map shared by the modules below, and the
        // options layer: an `OverrideSet` of options, its `OptionField`s and `--config` YAML file.
        .target(name: "ClassifierSupport", dependencies: ["Spectral", "CCrypto", "Yams", argumentParser]),
        // Dataset folders and CSV manifests → items with labels, groups and splits.
        .target(name: "Datasets", dependencies: ["ClassifierSupport", logging]),
        // Items → features on disk: extraction settings and options, the feature store and cache, shards.
        .target(
            name: "FeatureExtraction",
            dependencies: ["Datasets", "AudioIO", "Spectral", "NumPyIO", "ComplexNN", argumentParser]),
        // What a model is: input feature, segmenting, architecture, training settings, scores.
        .target(name: "Models", dependencies: ["FeatureExtraction", "ComplexNN", "PhaseGraph"]),
        // Model bundles: `model.json` + `model.safetensors`, written, read and checked.
        .target(name: "Bundles", dependencies: ["Models"]),
        // The training loop (single process or distributed) that ends in a bundle; `train genre`'s options.
        .target(name: "Training", dependencies: ["Bundles", argumentParser, logging]),
        // Scoring a bundle on the tracks it never saw.
        .target(name: "Evaluation", dependencies: ["Bundles", logging]),
        // Predicting files with a bundle.
        .target(name: "Inference", dependencies: ["Bundles"]),
        // SVG charts and PNG images (confusion matrix, learning curves, spectrograms).
        .target(name: "Charts", dependencies: ["AudioIO", "Spectral", "NumPyIO"]),
        // Synthetic datasets (instrument ensembles, phase-coupled styles) written as audio files.
        .target(name: "Synthesis", dependencies: ["Datasets", "AudioIO", "NumPyIO", "ComplexNN"]),
        // `audiocls run`: YAML pipelines of commands, their comparison and HTML report.
        .target(name: "Pipelines", dependencies: ["Training", "Inference", "Charts", "Yams", logging]),
        .target(
            name: "MPISupport",
            dependencies: ["Training", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]),
        .executableTarget(
            name: "audiocls",
            dependencies: [
                "AudioIO", "ComplexNN", "PhaseGraph", "ClassifierSupport", "Datasets", "FeatureExtraction", "Models",
                "Bundles", "Training", "Evaluation", "Inference", "Charts", "Synthesis", "Pipelines", "MPISupport",
                argumentParser, logging,
            ]),

        // A timing tool for bench/cvcnn_step_vs_torch.py, not part of the CLI.
        .executableTarget(
            name: "bench-cvcnn",
            dependencies: ["ComplexNN", argumentParser],
            path: "Sources/BenchCVCNN"),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["NumPyIO", "ComplexNN", logging], path: "Tests/TestSupport"),
        .testTarget(name: "NumPyIOTests", dependencies: ["NumPyIO", "CHalf", "TestSupport"]),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "TestSupport"]),
        .testTarget(name: "SpectralTests", dependencies: ["Spectral", "TestSupport"]),
        .testTarget(name: "ComplexNNTests", dependencies: ["ComplexNN", "TestSupport"]),
        .testTarget(name: "PhaseGraphTests", dependencies: ["PhaseGraph", "ComplexNN", "TestSupport"]),
        .testTarget(
            name: "AudioClassifierTests",
            dependencies: [
                "NumPyIO", "ComplexNN", "ClassifierSupport", "Datasets", "FeatureExtraction", "Models", "Bundles",
                "Training", "Evaluation", "Inference", "Charts", "Synthesis", "Pipelines", "TestSupport", logging,
            ]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ]
)
