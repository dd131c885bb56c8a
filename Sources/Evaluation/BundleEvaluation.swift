import Bundles
import ClassifierSupport
import Datasets
import FeatureExtraction
import Foundation
import Logging
import Models

/// `audiocls evaluate`: a bundle's metrics on labelled tracks (by default the test tracks saved in
/// the bundle), with features from the shared cache.
public enum BundleEvaluation {
    /// The bundle's own test tracks, at their recorded locations.
    public static func savedTestTracks(_ bundle: ModelBundle) -> [DatasetItem] {
        bundle.manifest.items(bundle.manifest.split.filter { $0.split == .test })
    }

    /// The tracks `evaluate` scores: among the bundle's recorded tracks (`datasets` empty) or
    /// the tracks of `datasets`, those of `split` (see ``EvaluationSelection``). Content hashes
    /// come from the cache's feature store, so unchanged files are not read twice. The selection's
    /// warnings are logged.
    public static func select(
        _ bundle: ModelBundle, datasets: [String], split: EvaluationSplit, cache: FeatureCache
    ) throws -> EvaluationSelection {
        let m = bundle.manifest
        let candidates = datasets.isEmpty ? nil : try DatasetScanner.scan(datasets)
        let selection = try EvaluationSelection(
            m, modelPath: bundle.directory.path, candidates: candidates, split: split,
            contentHashes: { try cache.contentHashes(for: $0, settings: m.extraction) })
        for warning in selection.warnings { Logger.evaluation.warning("\(warning)") }
        Logger.evaluation.debug("tracks matched by \(selection.matchedBy): \(selection.summary)")
        if datasets.isEmpty {
            let missing = selection.items.filter { !FileManager.default.fileExists(atPath: $0.path) }
            guard missing.isEmpty else {
                throw EvaluationError.recordedTracksMissing(bundle: bundle.directory.path, paths: missing.map(\.path))
            }
        }
        return selection
    }

    /// Metrics of `bundle` on `items`, whose labels must all be among the bundle's; an ensemble's
    /// segment probabilities are the mean of its members'.
    public static func evaluate(
        _ bundle: ModelBundle, items: [DatasetItem], cache: FeatureCache, progress: ProgressReporter
    ) throws -> TrackEvaluation {
        let m = bundle.manifest
        guard !items.isEmpty else { throw EvaluationError.noTracks }
        let unknown = items.filter { $0.label.map { !m.labels.contains($0) } ?? true }
        guard unknown.isEmpty else {
            throw EvaluationError.unknownLabels(
                paths: unknown.map(\.path), labels: unknown.map { $0.label ?? "" }, known: m.labels)
        }
        let started = Date()
        let (matrices, extracted) = try cache.matrices(
            for: items, feature: m.feature, settings: m.extraction, progress: progress)
        Logger.evaluation.debug(
            "\(cache.usage(settings: m.extraction, extracted: extracted, of: items.count, since: started))")
        let set = SegmentSet(
            tracks: try matrices.map { matrix throws(FeatureError) in try m.normalization.apply(to: matrix) },
            labels: items.map { m.labels.firstIndex(of: $0.label!)! }, layout: m.segmentLayout)
        return TrackEvaluation(
            labels: m.labels, set: set, probabilities: SegmentClassifier.ensembleProbabilities(bundle.members, set))
    }
}
