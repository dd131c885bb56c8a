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
    /// other than 0, which write nothing). With an ensemble, its members train one after the other
    /// on the one split (see ``memberDirectory(_:in:)``).
    @discardableResult
    public func run(items: [DatasetItem], resume: Bool) throws -> BundleManifest? {
        var c = configuration.distributed(over: communicator.size)
        let root = communicator.isRoot
        let logger = root ? self.logger : .silent
        let source = try c.initFrom.map { try WeightTransfer(bundle: $0.bundle, configuration: c) }
        let data = try trainingData(items, configuration: c, logger: logger)
        guard !data.train.segments.isEmpty else { throw TrainingError.noTrainingTracks }
        let architecture = try architecture(for: data, configuration: c, logger: logger)
        let start = try source?.fitted(to: architecture, labels: data.labels)
        if let start {
            c.initFrom?.weightsSHA256 = start.bundle.manifest.weightsSHA256
            logger.info("init: \(start.summary)")
        }
        if c.memberCount > 1 && c.architecture.model == .linear {
            logger.warning(
                "the linear model is fitted to the optimum of a convex objective: its \(c.memberCount) members differ only by rounding, so averaging them adds nothing"
            )
        }
        let outcomes = try (0..<c.memberCount).map { index in
            try trainMember(
                index, data: data, architecture: architecture, start: start, configuration: c, resume: resume,
                logger: logger)
        }
        guard c.refit == true else {
            guard root else { return nil }
            return try writeBundle(outcomes, data: data, architecture: architecture, configuration: c, logger: logger)
        }
        guard !data.validation.tracks.isEmpty else { throw TrainingError.refitWithoutValidation }
        let everything = try refitData(data, configuration: c)
        let chosen = outcomes.map { "\($0.keptEpoch)" }.joined(separator: ", ")
        logger.info(
            "refit: validation chose epoch\(c.memberCount > 1 ? "s" : "") \(chosen) of \(c.epochs); training again from the start on the \(everything.train.tracks.count) training and validation tracks for as many epochs"
        )
        let refitted = try outcomes.indices.map { index in
            try refitMember(
                index, epochs: outcomes[index].keptEpoch, data: everything, architecture: architecture, start: start,
                configuration: c, resume: resume, logger: logger)
        }
        guard root else { return nil }
        return try writeBundle(
            refitted, data: everything, architecture: architecture, configuration: c, chosenOn: (outcomes, data),
            logger: logger)
    }

    /// The tracks of `data` with the validation tracks moved to training, for the refit (their
    /// features from the cache, standardised anew).
    private func refitData(_ data: TrainingData, configuration c: TrainingConfiguration) throws -> TrainingData {
        let items = data.items.map { item in
            var copy = item
            if copy.split == .validation { copy.split = .train }
            return copy
        }
        // Every track keeps the split it has, so nothing is drawn.
        let everything = try TrainingData(
            items: items, configuration: c, cache: cache,
            progress: ProgressReporter(total: items.count, noun: "files", style: .quiet))
        return everything.leavingOut(try copies(in: everything, configuration: c).positions)
    }

    /// The validation and test tracks of `data` whose audio is that of a track of an earlier
    /// split, by content hash (from the cache's feature store).
    private func copies(in data: TrainingData, configuration c: TrainingConfiguration) throws -> SplitCopies {
        SplitCopies(items: data.items, hashes: try cache.contentHashes(for: data.items, settings: c.extraction))
    }

    /// The features of `items` through the cache (rank 0 extracts them first, the others then
    /// read them), split and standardised.
    private func trainingData(_ items: [DatasetItem], configuration c: TrainingConfiguration, logger: Logger) throws
        -> TrainingData
    {
        let root = communicator.isRoot, started = Date()
        if !root { try communicator.barrier() }
        let drawn = try TrainingData(
            items: items, configuration: c, cache: cache,
            progress: ProgressReporter(total: items.count, noun: "files", style: root ? progressStyle : .quiet))
        if root { try communicator.barrier() }
        let copies = try copies(in: drawn, configuration: c)
        let data = drawn.leavingOut(copies.positions)
        let directory = cache.directory(for: c.extraction).path
        logger.info(
            "data: \(data.labels.count) classes, tracks train/val/test \(data.train.tracks.count)/\(data.validation.tracks.count)/\(data.test.tracks.count), segments \(data.train.segments.count)/\(data.validation.segments.count)/\(data.test.segments.count) of \(c.feature.rows(c.spectral))×\(c.framesPerSegment) \(c.feature.rawValue); \(data.extracted) files extracted, the rest from \(directory)"
        )
        logger.debug(
            "\(cache.usage(settings: c.extraction, extracted: data.extracted, of: data.items.count, since: started))")
        let validated = Set(data.items.filter { $0.split == .validation }.compactMap(\.label))
        let unvalidated = data.labels.filter { !validated.contains($0) }
        if c.validationFraction > 0, !unvalidated.isEmpty {
            let units = c.holdOutBy.map { "'\($0)' value" } ?? "group"
            let consequence =
                validated.isEmpty
                ? "the run has no validation, so the last epoch is kept"
                : "validation accuracy covers the other classes only"
            logger.warning(
                "no validation tracks for \(unvalidated.joined(separator: ", ")): too few \(units)s outside the manifest's splits to hold one out and keep one for training; \(consequence)"
            )
        }
        if let warning = copies.warning { logger.warning("\(warning)") }
        if data.validation.tracks.isEmpty, !drawn.validation.tracks.isEmpty {
            logger.warning(
                "every validation track is a copy of an earlier track, so the run has no validation: the last epoch is kept"
            )
        }
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

    /// `12.3 s` since `start`.
    static func seconds(since start: Date) -> String {
        String(format: "%.1f s", Date().timeIntervalSince(start))
    }
}
