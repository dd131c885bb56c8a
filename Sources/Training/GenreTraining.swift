import Bundles
import ClassifierSupport
import ComplexNN
import Datasets
import FeatureExtraction
import Foundation
import Logging
import Models

/// `audiocls train genre`: data → training → evaluation → bundle.
public struct GenreTraining {
    public let configuration: TrainingConfiguration
    public let output: URL
    public let cache: FeatureCache
    /// The command line recorded in the bundle.
    public var commandLine: [String] = []
    public var progressStyle: ProgressReporter.Style = .automatic
    /// Where training reports, on rank 0 only: one note per event (data ready, parameter counts,
    /// each epoch) at `info`, the settings hashes, cache use and timings at `debug`.
    public var logger = Logger.training
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
        let logger = root ? self.logger : .silent
        let data = try trainingData(items, configuration: c, logger: logger)
        guard !data.train.segments.isEmpty else { throw TrainingError.noTrainingTracks }
        let architecture = try architecture(for: data, configuration: c, logger: logger)
        var trainer = Trainer(configuration: c, data: data, architecture: architecture, directory: output)
        trainer.progressStyle = root ? progressStyle : .quiet
        trainer.communicator = communicator
        // The linear baseline is fitted at once, not in epochs.
        let epochs = c.architecture.model == .linear ? 1 : c.epochs
        trainer.onEpoch = { r in
            let line = String(
                format: "epoch %d/%d  train loss %.4f acc %.3f  val loss %.4f acc %.3f  %.1f s (%.0f samples/s)",
                r.epoch, epochs, r.trainLoss, r.trainAccuracy, r.validationLoss, r.validationAccuracy, r.seconds,
                r.samplesPerSecond)
            logger.info("\(line)")
        }
        logger.debug("training settings hash \(c.resumeHash.prefix(16)) (a resumed run must have the same)")
        let started = Date()
        let outcome = try trainer.run(resume: resume)
        guard root else { return nil }
        logger.debug(
            "training took \(Self.seconds(since: started)); epochs run: \(outcome.records.count); the bundle keeps epoch \(outcome.keptEpoch) (keep: \(c.keep.rawValue))"
        )
        if !(communicator is SingleProcessCommunicator) {
            logger.info("\(outcome.communication.summary(ranks: communicator.size))")
        }
        return try writeBundle(outcome, data: data, architecture: architecture, configuration: c, logger: logger)
    }

    /// The features of `items` through the cache (rank 0 extracts them first, the others then
    /// read them), split and standardised.
    private func trainingData(_ items: [DatasetItem], configuration c: TrainingConfiguration, logger: Logger) throws
        -> TrainingData
    {
        let root = communicator.isRoot, started = Date()
        if !root { try communicator.barrier() }
        let data = try TrainingData(
            items: items, configuration: c, cache: cache,
            progress: ProgressReporter(total: items.count, noun: "files", style: root ? progressStyle : .quiet))
        if root { try communicator.barrier() }
        let directory = cache.directory(for: c.extraction).path
        logger.info(
            "data: \(data.labels.count) classes, tracks train/val/test \(data.train.tracks.count)/\(data.validation.tracks.count)/\(data.test.tracks.count), segments \(data.train.segments.count)/\(data.validation.segments.count)/\(data.test.segments.count) of \(c.feature.rows(c.spectral))×\(c.framesPerSegment) \(c.feature.rawValue); \(data.extracted) files extracted, the rest from \(directory)"
        )
        logger.debug(
            "\(cache.usage(settings: c.extraction, extracted: data.extracted, of: data.items.count, since: started))")
        if data.items.count < items.count {
            logger.debug("\(items.count - data.items.count) tracks left out: their labels are not among classes")
        }
        return data
    }

    /// The network for `data`, its parameter count logged (and the cvcnn's of the same widths
    /// with `match_params`).
    private func architecture(for data: TrainingData, configuration c: TrainingConfiguration, logger: Logger) throws
        -> ModelArchitecture
    {
        let rows = c.feature.rows(c.spectral)
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
        logger.info("\(sizes)")
        return architecture
    }

    /// Evaluates the kept model on the validation and test tracks and writes the bundle.
    private func writeBundle(
        _ outcome: Trainer.Outcome, data: TrainingData, architecture: ModelArchitecture,
        configuration c: TrainingConfiguration, logger: Logger
    ) throws -> BundleManifest {
        let started = Date()
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
        let written = try ModelBundle.write(model: outcome.model, manifest: manifest, to: output)
        logger.debug(
            "evaluated and wrote the bundle in \(Self.seconds(since: started)) (weights SHA-256 \(written.weightsSHA256.prefix(8)))"
        )
        return written
    }

    /// `12.3 s` since `start`.
    private static func seconds(since start: Date) -> String {
        String(format: "%.1f s", Date().timeIntervalSince(start))
    }
}
