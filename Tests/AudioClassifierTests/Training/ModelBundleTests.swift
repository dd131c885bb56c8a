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
        let copy = dataset.directory.file(name)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for file in [ModelBundle.weightsName, ModelBundle.manifestName] {
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(file), to: copy.appendingPathComponent(file))
        }
        try damage(copy)
        return copy
    }

    /// Rewrites model.json after `edit` of its JSON object.
    func editManifest(_ folder: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = folder.appendingPathComponent(ModelBundle.manifestName)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// Replaces the weights with `file` and records its checksum, so only the content is wrong.
    func replaceWeights(_ folder: URL, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(ModelBundle.weightsName))
        try editManifest(folder) { $0["weightsSHA256"] = SHA256.hex(bytes) }
    }
}

@Suite(.serialized) struct ModelBundleTests {
    private static let trained = Result { try TrainedBundle() }

    private func bundle() throws -> TrainedBundle { try Self.trained.get() }

    /// Expects loading `folder` to fail with a message naming `file` and containing `phrase`.
    private func expectRejected(
        _ folder: URL, file: String, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) { try ModelBundle(directory: folder) } throws: { error in
            let message = "\(error)"
            let ok = message.contains(folder.appendingPathComponent(file).path) && message.contains(phrase)
            if !ok { print("unexpected message: \(message)") }
            return ok
        }
    }

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
        #expect(stateDigest(loaded.model) == stateDigest(reference))
        #expect(loaded.manifest.labels == ["techno", "ambient", "noise"])
        #expect(loaded.manifest.split.filter { $0.split == .test }.count == 6)
        #expect(loaded.manifest.commandLine == ["audiocls", "train", "genre"])
        let file = try SafeTensorsFile.read(trained.directory.appendingPathComponent(ModelBundle.weightsName))
        #expect(file.tensors["conv1.weight"]?.dtype == .complex64)
        #expect(file.tensors["bn1.gammaRR"]?.dtype == .float32)
        #expect(Set(file.tensors.keys) == Set(loaded.model.namedState().map(\.name)))
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
            expectRejected(folder, file: file, "missing")
        }
    }

    @Test func truncatedOrFlippedWeightsFailTheChecksum() throws {
        let trained = try bundle()
        let truncated = try trained.damaged("truncated") { folder in
            let url = folder.appendingPathComponent(ModelBundle.weightsName)
            try Data(contentsOf: url).prefix(100).write(to: url)
        }
        expectRejected(truncated, file: ModelBundle.weightsName, "SHA-256")
        let flipped = try trained.damaged("flipped") { folder in
            let url = folder.appendingPathComponent(ModelBundle.weightsName)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count - 5] ^= 0x01
            try bytes.write(to: url)
        }
        expectRejected(flipped, file: ModelBundle.weightsName, "SHA-256")
    }

    @Test func truncatedWeightsWithAMatchingChecksumAreMalformed() throws {
        let trained = try bundle()
        let folder = try trained.damaged("truncated-rehashed") { folder in
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(ModelBundle.weightsName)))
            try trained.replaceWeights(folder, with: Array(bytes.prefix(bytes.count - 16)))
        }
        expectRejected(folder, file: ModelBundle.weightsName, "malformed")
    }

    @Test func wrongDtypeOrShapeIsNamed() throws {
        let trained = try bundle()
        let original = try SafeTensorsFile.read(trained.directory.appendingPathComponent(ModelBundle.weightsName))
        let wrongType = try trained.damaged("dtype") { folder in
            var file = original
            let entry = file.tensors["fc2.bias"]!
            file.tensors["fc2.bias"] = SafeTensorsFile.Entry(dtype: .float64, shape: entry.shape, bytes: entry.bytes)
            try trained.replaceWeights(folder, with: file.encode())
        }
        expectRejected(wrongType, file: ModelBundle.weightsName, "fc2.bias")
        let realForComplex = try trained.damaged("kind") { folder in
            var file = original
            let entry = file.tensors["fc2.bias"]!
            file.tensors["fc2.bias"] = SafeTensorsFile.Entry(
                shape: entry.shape + [2], float32: try entry.float32Values())
            try trained.replaceWeights(folder, with: file.encode())
        }
        expectRejected(realForComplex, file: ModelBundle.weightsName, "'fc2.bias' has shape")
        let missing = try trained.damaged("missing-tensor") { folder in
            var file = original
            file.tensors["conv2.weight"] = nil
            try trained.replaceWeights(folder, with: file.encode())
        }
        expectRejected(missing, file: ModelBundle.weightsName, "no values for 'conv2.weight'")
    }

    @Test func inconsistentOrFutureManifestIsRejected() throws {
        let trained = try bundle()
        let labels = try trained.damaged("labels") { try trained.editManifest($0) { $0["labels"] = ["a", "b"] } }
        expectRejected(labels, file: ModelBundle.manifestName, "2 labels but the model has 3 outputs")
        let version = try trained.damaged("version") { try trained.editManifest($0) { $0["formatVersion"] = 4 } }
        expectRejected(version, file: ModelBundle.manifestName, "format version 4 is not supported")
        let segment = try trained.damaged("segment") {
            try trained.editManifest($0) {
                var training = $0["training"] as! [String: Any]
                training["segmenting"] = ["segmentSeconds": 1.0]
                $0["training"] = training
            }
        }
        expectRejected(segment, file: ModelBundle.manifestName, "inconsistent")
        let broken = try trained.damaged("broken") { folder in
            try Data("{\"formatVersion\": 1, \"labels\": [".utf8).write(
                to: folder.appendingPathComponent(ModelBundle.manifestName))
        }
        expectRejected(broken, file: ModelBundle.manifestName, "not a valid model description")
        let field = try trained.damaged("field") { try trained.editManifest($0) { $0["normalization"] = nil } }
        expectRejected(field, file: ModelBundle.manifestName, "missing field 'normalization'")
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
