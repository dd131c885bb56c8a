import Bundles
import ClassifierSupport
import ComplexNN
import Datasets
import FeatureExtraction
import Foundation
import Models

/// `audiocls train genre`: data → training → evaluation → bundle.
public struct GenreTraining {
    public let configuration: TrainingConfiguration
    public let output: URL
    public let cache: FeatureCache
    /// The command line recorded in the bundle.
    public var commandLine: [String] = []
    public var progressStyle: ProgressReporter.Style = .automatic
    /// Receives one human-readable line per event (data ready, parameter counts, each epoch).
    public var log: (String) -> Void = { _ in }
    /// The processes sharing the training (see ``Trainer``). Rank 0 extracts features first
    /// (the others then read them from the cache), logs, and writes the bundle.
    public var communicator: any Communicator = SingleProcessCommunicator()

    public init(configuration: TrainingConfiguration, output: URL, cache: FeatureCache) {
        (self.configuration, self.output, self.cache) = (configuration, output, cache)
    }

    /// Trains on `items` (or resumes) and writes the bundle; returns its manifest (`nil` on ranks
    /// other than 0, which write nothing).
    @discardableResult
    public func run(items: [DatasetItem], resume: Bool) throws -> BundleManifest? {
        let c = configuration.distributed(over: communicator.size), root = communicator.isRoot
        let log = root ? self.log : { _ in }
        if !root { try communicator.barrier() }
        let data = try TrainingData(
            items: items, configuration: c, cache: cache,
            progress: ProgressReporter(total: items.count, noun: "files", style: root ? progressStyle : .quiet))
        if root { try communicator.barrier() }
        let rows = c.feature.rows(c.spectral)
        log(
            "data: \(data.labels.count) classes, tracks train/val/test \(data.train.tracks.count)/\(data.validation.tracks.count)/\(data.test.tracks.count), segments \(data.train.segments.count)/\(data.validation.segments.count)/\(data.test.segments.count) of \(rows)×\(c.framesPerSegment) \(c.feature.rawValue); \(data.extracted) files extracted, the rest from \(cache.directory(for: c.extraction).path)"
        )
        guard !data.train.segments.isEmpty else { throw TrainingError.noTrainingTracks }
        let architecture = try c.architecture.architecture(
            rows: rows, frames: c.framesPerSegment, classes: data.labels.count, complex: c.feature.isComplex)
        var sizes = "model: \(architecture.summary), \(try architecture.parameterCount()) real parameters"
        if c.architecture.matchParameters {
            var complexOptions = c.architecture
            complexOptions.model = .cvcnn
            complexOptions.activation = nil
            let complex = try complexOptions.architecture(
                rows: rows, frames: c.framesPerSegment, classes: data.labels.count, complex: true)
            sizes += " (the cvcnn of the same widths: \(try complex.parameterCount()))"
        }
        log(sizes)
        var trainer = Trainer(configuration: c, data: data, architecture: architecture, directory: output)
        trainer.progressStyle = root ? progressStyle : .quiet
        trainer.communicator = communicator
        // The linear baseline is fitted at once, not in epochs.
        let epochs = c.architecture.model == .linear ? 1 : c.epochs
        trainer.onEpoch = { [log] r in
            log(
                String(
                    format: "epoch %d/%d  train loss %.4f acc %.3f  val loss %.4f acc %.3f  %.1f s (%.0f samples/s)",
                    r.epoch, epochs, r.trainLoss, r.trainAccuracy, r.validationLoss, r.validationAccuracy, r.seconds,
                    r.samplesPerSecond))
        }
        let outcome = try trainer.run(resume: resume)
        guard root else { return nil }
        if !(communicator is SingleProcessCommunicator) { log(outcome.communication.summary(ranks: communicator.size)) }
        func evaluation(_ set: SegmentSet) -> TrackEvaluation? {
            set.segments.isEmpty
                ? nil
                : TrackEvaluation(
                    labels: data.labels, set: set, probabilities: SegmentClassifier.probabilities(outcome.model, set))
        }
        let recorded = DatasetSummary.records(
            data.items, contentHashes: try cache.contentHashes(for: data.items, settings: c.extraction))
        let manifest = BundleManifest(
            labels: data.labels, architecture: architecture, framesPerSegment: c.framesPerSegment,
            normalization: data.normalization, training: c, commandLine: commandLine,
            parameterCount: try architecture.parameterCount(), dataset: recorded.dataset, split: recorded.tracks,
            outOfDistribution: OutOfDistributionModel(
                training: data.train.tracks, labels: data.train.labels, validation: data.validation.tracks),
            keptEpoch: outcome.keptEpoch, epochs: outcome.records.count,
            validation: evaluation(data.validation), test: evaluation(data.test), weightsSHA256: "")
        return try ModelBundle.write(model: outcome.model, manifest: manifest, to: output)
    }
}
