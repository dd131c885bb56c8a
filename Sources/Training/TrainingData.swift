import ClassifierSupport
import ComplexNN
import Datasets
import FeatureExtraction
import Foundation
import Models

/// A dataset ready for training: labels, every track with its split, and the standardised
/// segments of each split.
public struct TrainingData: Sendable {
    /// Class names; a label's index is its class number.
    public let labels: [String]
    /// Every track used, with `split` set.
    public let items: [DatasetItem]
    public let normalization: FeatureNormalization
    public let train: SegmentSet
    public private(set) var validation: SegmentSet, test: SegmentSet
    /// Feature files extracted in this run (0 when everything came from the cache).
    public let extracted: Int

    /// Scans nothing itself: takes `items` (from ``DatasetScanner``), keeps the configured
    /// classes, splits by track (a manifest's split column wins; the others are split
    /// stratified with the configured seed), loads features through `cache` and fits the
    /// standardisation on the training tracks.
    public init(
        items scanned: [DatasetItem], configuration c: TrainingConfiguration, cache: FeatureCache,
        progress: ProgressReporter
    ) throws {
        if let unlabeled = scanned.first(where: { $0.label == nil }) {
            throw DatasetError(
                "\(unlabeled.path): no label (use ROOT/<label>/<file> folders or a manifest path,label[,split])")
        }
        let present = Set(scanned.compactMap(\.label))
        if let wanted = c.classes, let absent = wanted.first(where: { !present.contains($0) }) {
            throw ConfigurationError(
                key: "classes", value: absent,
                reason: "no track has this label (labels: \(present.sorted().joined(separator: ", ")))")
        }
        labels = c.classes ?? present.sorted()
        guard labels.count >= 2 else { throw TrainingError.tooFewClasses(labels) }
        var random = SeededGenerator(seed: c.seed)
        let splitter = try TrackSplitter(validation: c.validationFraction, test: c.testFraction)
        let labels = self.labels
        let items = try splitter.assign(scanned.filter { labels.contains($0.label!) }, using: &random)
        let loaded = try cache.matrices(for: items, feature: c.feature, settings: c.extraction, progress: progress)
        let normalization = FeatureNormalization(
            fitting: items.indices.filter { items[$0].split == .train }.map { loaded.matrices[$0] })
        let normalised = try loaded.matrices.map { matrix throws(FeatureError) in try normalization.apply(to: matrix) }
        let levels = c.feature.decibelRows(c.spectral).map { Augmentation.LevelRows($0, normalization: normalization) }
        func set(_ split: DatasetSplit) -> SegmentSet {
            let chosen = items.indices.filter { items[$0].split == split }
            return SegmentSet(
                tracks: chosen.map { normalised[$0] }, labels: chosen.map { labels.firstIndex(of: items[$0].label!)! },
                layout: c.segmentLayout, levels: split == .train ? levels : nil)
        }
        (self.items, self.normalization, extracted) = (items, normalization, loaded.extracted)
        (train, validation, test) = (set(.train), set(.validation), set(.test))
    }
}

extension TrainingData {
    /// The same data with the validation and test tracks at `copies` (positions in ``items``)
    /// taken out of their sets; ``items`` still lists them with their splits, as the bundle records
    /// them.
    func leavingOut(_ copies: Set<Int>) -> TrainingData {
        guard !copies.isEmpty else { return self }
        func kept(_ split: DatasetSplit) -> [Int] {
            let positions = items.indices.filter { items[$0].split == split }
            return positions.indices.filter { !copies.contains(positions[$0]) }
        }
        var data = self
        data.validation = validation.keeping(tracks: kept(.validation))
        data.test = test.keeping(tracks: kept(.test))
        return data
    }
}
