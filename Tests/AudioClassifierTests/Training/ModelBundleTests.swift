import ComplexNN
import Foundation
import Logging
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Evaluation
@testable import Inference
@testable import Training

/// One trained bundle shared by the bad-bundle cases; each case damages a copy.
private final class TrainedBundle: @unchecked Sendable {
    let dataset: TinyDataset
    let directory: URL
    let manifest: BundleManifest
    /// What the training logged.
    let log = LogRecorder()

    init() throws {
        dataset = try TinyDataset()
        directory = dataset.directory.file("bundle")
        var training = GenreTraining(
            configuration: TinyDataset.configuration(epochs: 1), output: directory, cache: dataset.cache)
        training.progressStyle = .quiet
        training.logger = log.logger()
        training.commandLine = ["audiocls", "train", "genre"]
        manifest = try #require(try training.run(items: dataset.items, resume: false))
    }

    /// A copy of the bundle with `damage` applied to its folder.
    func damaged(_ name: String, _ damage: (URL) throws -> Void) throws -> URL {
        try BundleEdits.copy(directory, to: dataset.directory.file(name), damage)
    }
}

@Suite(.serialized) struct ModelBundleTests {
    private static let trained = Result { try TrainedBundle() }

    private func bundle() throws -> TrainedBundle { try Self.trained.get() }

    /// Training logs its notes (data, model, every epoch) at info and the detail (settings hashes,
    /// cache use, timings) at debug; a run that goes well warns of nothing.
    @Test func trainingLogsNotesAtInfoAndDetailAtDebug() throws {
        let log = try bundle().log
        let notes = log.messages(at: .info), detail = log.messages(at: .debug)
        try #require(notes.count == 3, "data, model, epoch 1/1: \(notes)")
        #expect(
            notes[0].hasPrefix("data: 3 classes, tracks train/val/test ") && notes[0].contains("18 files extracted"))
        #expect(notes[1].hasPrefix("model: ") && notes[2].hasPrefix("epoch 1/1 "), "\(notes)")
        #expect(
            detail.contains {
                $0.hasPrefix("features: settings hash ") && $0.contains("cache misses 18 (extracted), hits 0")
            },
            "\(detail)")
        #expect(detail.contains("12 tracks left out: their labels are not among classes"), "\(detail)")
        #expect(detail.contains { $0.hasPrefix("training settings hash ") })
        #expect(
            detail.contains {
                $0.hasPrefix("training took ") && $0.hasSuffix("epochs run: 1; the bundle keeps epoch 1 (keep: best)")
            })
        #expect(log.entries.allSatisfy { $0.level <= .info }, "nothing to warn about: \(log.entries)")
    }

    @Test func roundTripIsBitExactAndComplexTensorsAreC64() throws {
        let trained = try bundle()
        let loaded = try ModelBundle(directory: trained.directory)
        let best = trained.dataset.directory.file("bundle/checkpoints/best.safetensors")
        let reference = try trained.manifest.architecture.makeModel(seed: 99)
        _ = try Checkpoint.restore(from: best, model: reference, optimizer: nil)
        #expect(stateDigest(loaded.members[0]) == stateDigest(reference))
        #expect(loaded.manifest.labels == ["techno", "ambient", "noise"])
        #expect(loaded.manifest.split.filter { $0.split == .test }.count == 6)
        #expect(loaded.manifest.commandLine == ["audiocls", "train", "genre"])
        let file = try SafeTensorsFile.read(trained.directory.appendingPathComponent(ModelBundle.weightsName))
        #expect(file.tensors["conv1.weight"]?.dtype == .complex64)
        #expect(file.tensors["bn1.gammaRR"]?.dtype == .float32)
        #expect(Set(file.tensors.keys) == Set(loaded.members[0].namedState().map(\.name)))
    }

    @Test func missingFolderSaysHowToGetAModel() throws {
        let folder = try bundle().dataset.directory.file("nothing")
        #expect { try ModelBundle(directory: folder) } throws: { "\($0)".contains("audiocls train genre") }
    }

    @Test func missingFilesAreNamed() throws {
        let trained = try bundle()
        for file in [ModelBundle.weightsName, ModelBundle.manifestName] {
            let folder = try trained.damaged("missing-\(file)") {
                try FileManager.default.removeItem(at: $0.appendingPathComponent(file))
            }
            BundleEdits.expectRejected(folder, file: file, "missing")
        }
    }

    @Test func truncatedOrFlippedWeightsFailTheChecksum() throws {
        let trained = try bundle()
        let truncated = try trained.damaged("truncated") { folder in
            let url = folder.appendingPathComponent(ModelBundle.weightsName)
            try Data(contentsOf: url).prefix(100).write(to: url)
        }
        BundleEdits.expectRejected(truncated, file: ModelBundle.weightsName, "SHA-256")
        let flipped = try trained.damaged("flipped") { folder in
            let url = folder.appendingPathComponent(ModelBundle.weightsName)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count - 5] ^= 0x01
            try bytes.write(to: url)
        }
        BundleEdits.expectRejected(flipped, file: ModelBundle.weightsName, "SHA-256")
    }

    @Test func truncatedWeightsWithAMatchingChecksumAreMalformed() throws {
        let trained = try bundle()
        let folder = try trained.damaged("truncated-rehashed") { folder in
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(ModelBundle.weightsName)))
            try BundleEdits.replaceWeights(folder, with: Array(bytes.prefix(bytes.count - 16)))
        }
        BundleEdits.expectRejected(folder, file: ModelBundle.weightsName, "malformed")
    }

    @Test func wrongDtypeOrShapeIsNamed() throws {
        let trained = try bundle()
        let original = try SafeTensorsFile.read(trained.directory.appendingPathComponent(ModelBundle.weightsName))
        let wrongType = try trained.damaged("dtype") { folder in
            var file = original
            let entry = file.tensors["fc2.bias"]!
            file.tensors["fc2.bias"] = SafeTensorsFile.Entry(dtype: .float64, shape: entry.shape, bytes: entry.bytes)
            try BundleEdits.replaceWeights(folder, with: file.encode())
        }
        BundleEdits.expectRejected(wrongType, file: ModelBundle.weightsName, "fc2.bias")
        let realForComplex = try trained.damaged("kind") { folder in
            var file = original
            let entry = file.tensors["fc2.bias"]!
            file.tensors["fc2.bias"] = SafeTensorsFile.Entry(
                shape: entry.shape + [2], float32: try entry.float32Values())
            try BundleEdits.replaceWeights(folder, with: file.encode())
        }
        BundleEdits.expectRejected(realForComplex, file: ModelBundle.weightsName, "'fc2.bias' has shape")
        let missing = try trained.damaged("missing-tensor") { folder in
            var file = original
            file.tensors["conv2.weight"] = nil
            try BundleEdits.replaceWeights(folder, with: file.encode())
        }
        BundleEdits.expectRejected(missing, file: ModelBundle.weightsName, "no values for 'conv2.weight'")
    }

    @Test func inconsistentOrFutureManifestIsRejected() throws {
        let trained = try bundle()
        let labels = try trained.damaged("labels") { try BundleEdits.editManifest($0) { $0["labels"] = ["a", "b"] } }
        BundleEdits.expectRejected(labels, file: ModelBundle.manifestName, "2 labels but the model has 3 outputs")
        let version = try trained.damaged("version") { try BundleEdits.editManifest($0) { $0["formatVersion"] = 5 } }
        BundleEdits.expectRejected(version, file: ModelBundle.manifestName, "format version 5 is not supported")
        let segment = try trained.damaged("segment") {
            try BundleEdits.editManifest($0) {
                var training = $0["training"] as! [String: Any]
                training["segmenting"] = ["segmentSeconds": 1.0]
                $0["training"] = training
            }
        }
        BundleEdits.expectRejected(segment, file: ModelBundle.manifestName, "inconsistent")
        let broken = try trained.damaged("broken") { folder in
            try Data("{\"formatVersion\": 1, \"labels\": [".utf8).write(
                to: folder.appendingPathComponent(ModelBundle.manifestName))
        }
        BundleEdits.expectRejected(broken, file: ModelBundle.manifestName, "not a valid model description")
        let field = try trained.damaged("field") { try BundleEdits.editManifest($0) { $0["normalization"] = nil } }
        BundleEdits.expectRejected(field, file: ModelBundle.manifestName, "missing field 'normalization'")
    }

    /// Predicting a track's file gives the mean of its segment probabilities under the bundle;
    /// the evaluation on the saved test tracks equals the metrics stored at training time.
    @Test func predictionAndEvaluationAgreeWithTraining() throws {
        let trained = try bundle()
        let loaded = try ModelBundle(directory: trained.directory)
        let evaluation = try BundleEvaluation.evaluate(
            loaded, items: BundleEvaluation.savedTestTracks(loaded), cache: trained.dataset.cache,
            progress: ProgressReporter(total: 0, style: .quiet))
        #expect(evaluation.tracksByMeanProbability == trained.manifest.test?.tracksByMeanProbability)
        #expect(evaluation.segments == trained.manifest.test?.segments)
        let track = BundleEvaluation.savedTestTracks(loaded)[0]
        let prediction = try Predictor(bundle: loaded).predict(track.url)
        // 2 s: 87 frames; 21-frame windows every 10 frames at 0…60, and one at 66 ending at frame 87.
        #expect(prediction.windows == 8)
        #expect(abs(prediction.probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(throws: (any Error).self) {
            try Predictor(bundle: loaded).predict(trained.dataset.directory.file("nope.wav"))
        }
    }
}
