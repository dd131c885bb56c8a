import Foundation
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Datasets
@testable import Evaluation
@testable import Inference
@testable import Models
@testable import Training

/// Bundles trained once for the suite on the tiny dataset: the paper's CVCNN on MFCC (A), a linear
/// model on log-mel statistics with 1 s segments and the classes in another order (B, same seed:
/// the same split), A's settings with another seed (C: another split), and one with two classes.
private final class TrainedModels: @unchecked Sendable {
    let dataset: TinyDataset
    let a: ModelBundle, b: ModelBundle, c: ModelBundle, twoClasses: ModelBundle

    init() throws {
        let dataset = try TinyDataset()
        let paper = TinyDataset.configuration(epochs: 2)
        var linear = paper
        linear.architecture.model = .linear
        linear.feature = .logMel
        linear.segmenting = try Segmenting(segmentSeconds: 1)
        linear.classes = ["noise", "techno", "ambient"]
        var reseeded = paper
        reseeded.seed = 8
        var pair = paper
        pair.classes = ["techno", "ambient"]
        let trained = try [("a", paper), ("b", linear), ("c", reseeded), ("pair", pair)].map { name, c in
            var training = GenreTraining(configuration: c, output: dataset.directory.file(name), cache: dataset.cache)
            (training.progressStyle, training.logger) = (.quiet, LogRecorder().logger())
            try training.run(items: dataset.items, resume: false)
            return try ModelBundle(directory: dataset.directory.file(name))
        }
        self.dataset = dataset
        (a, b, c, twoClasses) = (trained[0], trained[1], trained[2], trained[3])
    }
}

@Suite(.serialized) struct CombinedModelsTests {
    private static let trained = Result { try TrainedModels() }
    private let quiet = ProgressReporter(total: 0, style: .quiet)

    private func trained() throws -> TrainedModels { try Self.trained.get() }

    /// Each model alone is what `evaluate` gives it; the average is the class of the mean of the
    /// models' track probabilities, B's rearranged into A's class order.
    @Test func theAverageIsTheMeanOfEachModelsTrackProbabilities() throws {
        let t = try trained()
        let selection = try BundleEvaluation.select([t.a, t.b], datasets: [], split: .test, cache: t.dataset.cache)
        #expect(selection.scored > 0 && selection.scored == BundleEvaluation.savedTestTracks(t.a).count)
        let combined = try BundleEvaluation.evaluate(
            [t.a, t.b], items: selection.items, cache: t.dataset.cache, progress: { _ in quiet })
        #expect(combined.labels == t.a.manifest.labels && t.b.manifest.labels != t.a.manifest.labels)
        var tracks: [[[Float]]] = []
        for (k, bundle) in [t.a, t.b].enumerated() {
            let scored = try BundleEvaluation.scores(
                bundle, items: selection.items, cache: t.dataset.cache, progress: quiet)
            let alone = try BundleEvaluation.evaluate(
                bundle, items: selection.items, cache: t.dataset.cache, progress: quiet)
            #expect(combined.members[k].tracksByMeanProbability == alone.tracksByMeanProbability)
            tracks.append(scored.tracks.map { bundle.probabilities($0, inOrderOf: combined.labels) })
        }
        let expected = selection.items.indices.map { i in
            SegmentClassifier.argmax(combined.labels.indices.map { c in (tracks[0][i][c] + tracks[1][i][c]) / 2 })
        }
        let truth = selection.items.map { combined.labels.firstIndex(of: $0.label!)! }
        let metrics = ClassificationMetrics(truth: truth, predicted: expected, classCount: combined.labels.count)
        #expect(combined.tracks == MetricsSummary(metrics, labels: combined.labels))
        let itself = try BundleEvaluation.evaluate(
            [t.a, t.a], items: selection.items, cache: t.dataset.cache, progress: { _ in quiet })
        #expect(itself.tracks == combined.members[0].tracksByMeanProbability, "a model with itself is itself")
    }

    /// A track counts only when it is a test track for every model: models trained on different
    /// splits are scored on what none of them trained or validated on.
    @Test func onlyTracksNoModelKnewAreScored() throws {
        let t = try trained()
        let both = try BundleEvaluation.select([t.a, t.c], datasets: [], split: .test, cache: t.dataset.cache)
        func tests(_ bundle: ModelBundle) -> Set<String> {
            Set(BundleEvaluation.savedTestTracks(bundle).map(\.path))
        }
        #expect(tests(t.a) != tests(t.c), "the seeds draw different splits")
        #expect(Set(both.items.map(\.path)) == tests(t.a).intersection(tests(t.c)))
        #expect(both.scored + both.excludedTotal == t.a.manifest.split.count)
        #expect(both.excluded["train", default: 0] + both.excluded["validation", default: 0] == both.excludedTotal)
    }

    /// The same audio recorded under two roles (a file copied into a second source) is not new
    /// to the model: it takes the role it was trained in.
    @Test func aTestCopyOfATrainingTrackIsNotScored() throws {
        let t = try trained()
        var manifest = t.a.manifest
        let train = try #require(manifest.split.firstIndex { $0.split == .train })
        let test = try #require(manifest.split.firstIndex { $0.split == .test })
        manifest.split[test].contentHash = manifest.split[train].contentHash
        let selection = try EvaluationSelection(
            manifest, modelPath: "m", candidates: nil, split: .test, contentHashes: { _ in [] })
        #expect(!selection.items.contains { $0.path == manifest.location(of: manifest.split[test]) })
        #expect(selection.scored == BundleEvaluation.savedTestTracks(t.a).count - 1)
        #expect(selection.excluded["train"] == t.a.manifest.split.filter { $0.split == .train }.count + 1)
    }

    /// `predict` with several models: the mean of each model's probabilities in the first's class
    /// order, every model's windows counted, unlike the training data when any model says so.
    @Test func aCombinedPredictionAveragesTheModels() throws {
        let t = try trained()
        var combined = try CombinedPredictor(bundles: [t.a, t.b])
        combined.topK = 2
        for track in BundleEvaluation.savedTestTracks(t.a).prefix(2) {
            let each = try [t.a, t.b].map { try Predictor(bundle: $0).predict(track.url) }
            let prediction = try combined.predict(track.url)
            let b = t.b.probabilities(each[1].probabilities, inOrderOf: t.a.manifest.labels)
            let mean = zip(each[0].probabilities, b).map { ($0 + $1) / 2 }
            #expect(prediction.labels == t.a.manifest.labels)
            expectClose(prediction.probabilities, mean, rtol: 1e-6, atol: 1e-7, "\(track.path)")
            #expect(prediction.label == t.a.manifest.labels[SegmentClassifier.argmax(mean)])
            #expect(prediction.top.count == 2 && prediction.windows == each[0].windows + each[1].windows)
            let unlike = each.contains { $0.outOfDistribution?.unlike == true }
            #expect(prediction.outOfDistribution?.unlike == unlike)
        }
    }

    @Test func modelsWithOtherClassesAreRefusedByName() throws {
        let t = try trained()
        #expect(throws: BundleError.self) { try CombinedPredictor(bundles: [t.a, t.twoClasses]) }
        do {
            _ = try ModelBundle.commonLabels([t.a, t.twoClasses])
        } catch let error as BundleError {
            #expect(error.path == t.twoClasses.directory.path)
            #expect(error.reason.hasPrefix("classes techno, ambient differ from those of \(t.a.directory.path)"))
        }
        #expect(try ModelBundle.commonLabels([t.a, t.b]) == t.a.manifest.labels)
    }
}
