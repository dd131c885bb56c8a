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
    ///
    /// With several bundles (models used together), each judges the same tracks — those of
    /// `datasets`, or those the first bundle recorded — and a track is scored when it is of
    /// `split` for every one (``EvaluationSelection/common(_:)``).
    public static func select(
        _ bundles: [ModelBundle], datasets: [String], split: EvaluationSplit, cache: FeatureCache
    ) throws -> EvaluationSelection {
        let first = bundles[0].manifest
        let scanned = datasets.isEmpty ? nil : try DatasetScanner.scan(datasets)
        // A file's hash is its content's, whichever model asks: found once (for the first
        // bundle's recorded tracks, in its manifest) and reused by the others.
        var known: [String]? =
            scanned == nil && first.split.allSatisfy({ $0.contentHash != nil })
            ? first.split.map { $0.contentHash! } : nil
        let selections = try bundles.enumerated().map { index, bundle in
            let m = bundle.manifest
            let candidates = scanned ?? (index == 0 ? nil : first.items(first.split))
            return try EvaluationSelection(
                m, modelPath: bundle.directory.path, candidates: candidates, split: split,
                contentHashes: { items in
                    if let known { return known }
                    let hashes = try cache.contentHashes(for: items, settings: m.extraction)
                    known = hashes
                    return hashes
                })
        }
        let selection = EvaluationSelection.common(selections)
        for warning in selection.warnings { Logger.evaluation.warning("\(warning)") }
        Logger.evaluation.debug("tracks matched by \(selection.matchedBy): \(selection.summary)")
        if datasets.isEmpty {
            let missing = selection.items.filter { !FileManager.default.fileExists(atPath: $0.path) }
            guard missing.isEmpty else {
                throw EvaluationError.recordedTracksMissing(
                    bundle: bundles[0].directory.path, paths: missing.map(\.path))
            }
        }
        return selection
    }

    /// Metrics of `bundle` on `items`, whose labels must all be among the bundle's; an ensemble's
    /// segment probabilities are the mean of its members'.
    public static func evaluate(
        _ bundle: ModelBundle, items: [DatasetItem], cache: FeatureCache, progress: ProgressReporter
    ) throws -> TrackEvaluation {
        try scores(bundle, items: items, cache: cache, progress: progress).evaluation
    }

    /// Each bundle alone on `items` and the average of their class probabilities per track (each
    /// bundle's own: the mean over its segments of its feature), so that models with different
    /// inputs, segments or architectures combine; `progress(k)` reports bundle k's features.
    public static func evaluate(
        _ bundles: [ModelBundle], items: [DatasetItem], cache: FeatureCache, progress: (Int) -> ProgressReporter
    ) throws -> CombinedEvaluation {
        let labels = try ModelBundle.commonLabels(bundles)
        var members: [TrackEvaluation] = [], tracks: [[[Float]]] = []
        for (k, bundle) in bundles.enumerated() {
            let scored = try scores(bundle, items: items, cache: cache, progress: progress(k))
            members.append(scored.evaluation)
            tracks.append(scored.tracks.map { bundle.probabilities($0, inOrderOf: labels) })
        }
        let averaged = SegmentClassifier.mean(tracks)
        let truth = items.map { labels.firstIndex(of: $0.label!)! }
        let metrics = ClassificationMetrics(
            truth: truth, predicted: averaged.map(SegmentClassifier.argmax), classCount: labels.count)
        return CombinedEvaluation(
            labels: labels, tracks: MetricsSummary(metrics, labels: labels), members: members,
            trackProbabilities: averaged)
    }

    /// The metrics of `bundle` on `items` and each track's class probabilities (the mean over its
    /// segments), in the bundle's label order.
    public static func scores(
        _ bundle: ModelBundle, items: [DatasetItem], cache: FeatureCache, progress: ProgressReporter
    ) throws -> (evaluation: TrackEvaluation, tracks: [[Float]]) {
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
        let probabilities = SegmentClassifier.ensembleProbabilities(bundle.members, set)
        return (
            TrackEvaluation(labels: m.labels, set: set, probabilities: probabilities),
            SegmentClassifier.trackMeans(probabilities, set)
        )
    }
}
