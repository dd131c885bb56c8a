import ClassifierSupport
import ComplexNN
import Datasets
import Foundation

/// Several trainings of one configuration, for an honest figure on a small dataset: K folds by
/// group (each fold's groups are the test tracks once; see ``TrackSplitter/folds(_:count:using:)``)
/// and/or several seeds, each run a bundle of its own. ``Summary`` gives mean ± sd.
public struct RepeatedTraining: Sendable {
    /// One run: its fold (1-based, `nil` without folds) and seed.
    public struct Run: Sendable, Equatable {
        public let fold: Int?, seed: UInt64

        /// The bundle's folder name below the output folder: `fold-2-seed-1`, `seed-1`, `fold-2`.
        public var name: String {
            [fold.map { "fold-\($0)" }, "seed-\(seed)"].compactMap { $0 }.joined(separator: "-")
        }
    }

    public let folds: Int?
    public let seeds: [UInt64]

    /// - Parameters: folds: K ≥ 2 or `nil`; seeds: at least one.
    public init(folds: Int?, seeds: [UInt64]) throws(ConfigurationError) {
        if let folds, folds < 2 {
            throw ConfigurationError(key: "folds", value: "\(folds)", reason: "must be at least 2")
        }
        guard !seeds.isEmpty else { throw ConfigurationError(key: "seeds", value: "", reason: "needs a seed") }
        (self.folds, self.seeds) = (folds, seeds)
    }

    /// Every run, folds outermost.
    public var runs: [Run] {
        let foldNumbers: [Int?] = folds.map { Array(1...$0) } ?? [nil]
        return foldNumbers.flatMap { fold in seeds.map { Run(fold: fold, seed: $0) } }
    }

    /// The items of `run`: with folds, the run's fold is the test set and the rest is left for the
    /// train/validation split (a manifest's split column is replaced); folds are drawn once, from
    /// the first seed, so every seed sees the same folds.
    public func items(for run: Run, from items: [DatasetItem]) throws(DatasetError) -> [DatasetItem] {
        guard let folds, let fold = run.fold else { return items }
        var random = SeededGenerator(seed: seeds[0])
        let assignment = try TrackSplitter.folds(items, count: folds, using: &random)
        return zip(items, assignment).map { item, k in
            var copy = item
            copy.split = k == fold - 1 ? .test : nil
            return copy
        }
    }

    /// Test metrics over the runs: the per-run track accuracy (mean probability) and macro-F1,
    /// their means and sample standard deviations.
    public struct Summary: Codable, Sendable, Equatable {
        public struct Entry: Codable, Sendable, Equatable {
            public let run: String, accuracy: Double, macroF1: Double, testTracks: Int
            /// Track accuracy of the kept epoch on the run's validation tracks (mean probability);
            /// `nil` without validation tracks (and in summaries written before it was recorded).
            public let validationAccuracy: Double?
            /// For an ensemble, the mean of its members' validation track accuracies (what
            /// ``validationAccuracy``, the ensemble's, adds to); `nil` for a single model.
            public let memberValidationAccuracy: Double?

            public init(
                run: String, accuracy: Double, macroF1: Double, testTracks: Int, validationAccuracy: Double?,
                memberValidationAccuracy: Double? = nil
            ) {
                (self.run, self.accuracy, self.macroF1, self.testTracks) = (run, accuracy, macroF1, testTracks)
                (self.validationAccuracy, self.memberValidationAccuracy) = (
                    validationAccuracy, memberValidationAccuracy
                )
            }
        }
        public let entries: [Entry]

        public init(entries: [Entry]) { self.entries = entries }

        public var accuracy: (mean: Double, sd: Double) { Self.meanAndSD(entries.map(\.accuracy)) }
        public var macroF1: (mean: Double, sd: Double) { Self.meanAndSD(entries.map(\.macroF1)) }
        /// Mean ± sd of the validation accuracies, `nil` unless every run has one: the figure to
        /// compare settings by (the test figure is for reporting the one chosen).
        public var validationAccuracy: (mean: Double, sd: Double)? { Self.meanAndSD(entries.map(\.validationAccuracy)) }
        /// Mean ± sd of the runs' ``Entry/memberValidationAccuracy``, `nil` unless every run has one.
        public var memberValidationAccuracy: (mean: Double, sd: Double)? {
            Self.meanAndSD(entries.map(\.memberValidationAccuracy))
        }

        /// Mean and sample standard deviation of `values`, `nil` unless every one is present.
        public static func meanAndSD(_ values: [Double?]) -> (mean: Double, sd: Double)? {
            let present = values.compactMap { $0 }
            return present.count == values.count && !present.isEmpty ? meanAndSD(present) : nil
        }

        /// Mean and sample standard deviation (0 for one value).
        public static func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            guard values.count > 1 else { return (mean, 0) }
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return (mean, variance.squareRoot())
        }
    }
}
