import ComplexNN
import Foundation
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Datasets
@testable import FeatureExtraction
@testable import Models
@testable import Synthesis
@testable import Training

/// A small synthetic genre dataset (3 well separated classes × 6 tracks × 2 s) written into a
/// temporary folder, with a training configuration small enough for debug builds.
final class TinyDataset {
    let directory = TemporaryDirectory()
    let items: [DatasetItem]

    init(tracksPerClass: Int = 6) throws {
        items = try SyntheticDataset(kind: .genres, tracksPerClass: tracksPerClass, seconds: 2, seed: 3)
            .write(to: directory.file("data"), jobs: 2, progress: ProgressReporter(total: 0, style: .quiet))
    }

    var cache: FeatureCache { FeatureCache(root: directory.file("cache"), jobs: 2) }

    /// 0.5 s segments (13×21 MFCC), the paper's CVCNN with widths 4/6/16, batch 8, SGD lr 0.01.
    static func configuration(epochs: Int = 2, seed: UInt64 = 7) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.classes = ["techno", "ambient", "noise"]
        c.segmenting = try! Segmenting(segmentSeconds: 0.5)
        c.architecture.design = .paper
        (c.architecture.firstChannels, c.architecture.secondChannels, c.architecture.hiddenFeatures) = (4, 6, 16)
        (c.epochs, c.batchSize, c.seed) = (epochs, 8, seed)
        (c.validationFraction, c.testFraction) = (0.17, 0.34)
        return c
    }

    func data(_ c: TrainingConfiguration) throws -> TrainingData {
        try TrainingData(
            items: items, configuration: c, cache: cache, progress: ProgressReporter(total: 0, style: .quiet))
    }

    /// Trains with `c` into `name` below the temporary folder and returns the outcome.
    func train(_ c: TrainingConfiguration, into name: String, resume: Bool = false) throws -> Trainer.Outcome {
        let data = try data(c)
        let architecture = try c.architecture.architecture(
            rows: c.feature.rows(c.spectral), frames: c.framesPerSegment, classes: data.labels.count)
        var trainer = Trainer(configuration: c, data: data, architecture: architecture, directory: directory.file(name))
        trainer.progressStyle = .quiet
        return try trainer.run(resume: resume)
    }
}

extension TinyDataset {
    /// `train genre` with `c` into `directory` (notes to `log`): the bundle's manifest.
    @discardableResult
    func trainBundle(_ c: TrainingConfiguration, into directory: URL, log: LogRecorder = LogRecorder()) throws
        -> BundleManifest
    {
        var training = GenreTraining(configuration: c, output: directory, cache: cache)
        (training.progressStyle, training.logger) = (.quiet, log.logger())
        return try #require(try training.run(items: items, resume: false))
    }
}

/// SHA-256 of every state tensor's name and bytes (real then imaginary plane), in name order:
/// equal digests mean bit-identical models, and a failure prints two short strings.
func stateDigest(_ model: any Module) -> String {
    var bytes: [UInt8] = []
    for (name, tensor) in model.namedState().sorted(by: { $0.name < $1.name }) {
        bytes += Array(name.utf8)
        bytes += (tensor.real + (tensor.imaginary ?? [])).withUnsafeBytes { Array($0) }
    }
    return SHA256.hex(bytes)
}
