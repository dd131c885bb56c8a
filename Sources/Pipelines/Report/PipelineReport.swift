import Bundles
import Foundation
import Models
import Training

/// The results of a pipeline's compared models: a text table for the terminal, the best model's
/// promotion to `models/…`, and the data the HTML page shows.
public struct PipelineReport {
    /// One trained bundle, or models trained together (``ModelCombination``): its folder,
    /// manifests and training logs.
    public struct Run {
        public let directory: URL
        /// The bundle's manifest; for models used together, each member's in order.
        public let manifests: [BundleManifest]
        /// The list of models used together, `nil` for one bundle.
        public let combination: ModelCombination?
        /// The training log of each network: an ensemble's members, every model's of a combination.
        public let memberLogs: [[EpochRecord]]

        /// Loads (and checks) the bundle or the combination's members in `directory`.
        init(_ directory: URL) throws {
            self.directory = directory
            combination = try ModelCombination.read(in: directory)
            let folders = combination?.members.map { directory.appendingPathComponent($0) } ?? [directory]
            manifests = try folders.map { try ModelBundle(directory: $0).manifest }
            memberLogs = zip(folders, manifests).flatMap { folder, manifest in
                (0..<manifest.memberCount).map {
                    EpochRecord.read(
                        GenreTraining.memberDirectory($0, in: folder).appendingPathComponent("train-log.jsonl"))
                }
            }
        }

        /// The (first) model's manifest.
        public var manifest: BundleManifest { manifests[0] }
        /// The (first network's) training log: the learning curves.
        public var log: [EpochRecord] { memberLogs[0] }
        /// Seconds spent in training epochs, summed over the networks.
        var trainSeconds: Double { memberLogs.joined().reduce(0) { $0 + $1.seconds } }

        /// Test and validation figures: the bundle's, or the average's of models used together.
        var test: MetricsSummary? {
            if let combination { return combination.test }
            return manifest.test?.tracksByMeanProbability
        }
        var validationAccuracy: Double? {
            if let combination { return combination.validation?.accuracy }
            return manifest.validation?.tracksByMeanProbability.accuracy
        }
    }

    /// One compared model: a bundle, or the runs of `train genre --seeds/--folds` (a folder with
    /// `summary.json`), whose figures are their mean ± sd.
    public struct Row {
        public let entry: PipelineSpec.Report.Entry
        public let runs: [Run]

        /// The first run's manifest, log and test metrics (confusion matrix, learning curves).
        public var manifest: BundleManifest { runs[0].manifest }
        public var log: [EpochRecord] { runs[0].log }
        public var test: MetricsSummary? { runs[0].test }
        /// Seconds spent in training epochs, summed over the runs (and an ensemble's members).
        public var trainSeconds: Double { runs.reduce(0) { $0 + $1.trainSeconds } }

        /// Track-level test accuracy (mean-probability vote): mean and sd over the runs.
        public var testAccuracy: (mean: Double, sd: Double)? {
            RepeatedTraining.Summary.meanAndSD(runs.map { $0.test?.accuracy })
        }
        public var macroF1: (mean: Double, sd: Double)? {
            RepeatedTraining.Summary.meanAndSD(runs.map { $0.test?.macroF1 })
        }
        /// Track-level validation accuracy: mean and sd over the runs.
        public var validation: (mean: Double, sd: Double)? {
            RepeatedTraining.Summary.meanAndSD(runs.map(\.validationAccuracy))
        }
        /// Track-level validation accuracy, mean over the runs: what `best` is chosen by.
        public var validationAccuracy: Double? { validation?.mean }

        /// The bundle folders of `entry`: the runs listed in its `summary.json`, or itself.
        static func directories(of entry: PipelineSpec.Report.Entry) throws -> [URL] {
            let directory = URL(fileURLWithPath: entry.bundle)
            let summaryURL = directory.appendingPathComponent("summary.json")
            guard FileManager.default.fileExists(atPath: summaryURL.path) else { return [directory] }
            let summary = try JSONDecoder().decode(RepeatedTraining.Summary.self, from: Data(contentsOf: summaryURL))
            return summary.entries.map { directory.appendingPathComponent($0.run) }
        }
    }

    public let spec: PipelineSpec.Report
    public let rows: [Row]

    /// Loads (and checks) every compared bundle.
    public init(_ spec: PipelineSpec.Report) throws {
        self.spec = spec
        rows = try spec.compare.map { entry in Row(entry: entry, runs: try Row.directories(of: entry).map(Run.init)) }
    }

    /// Dataset names in first-seen order.
    public var datasets: [String] {
        rows.map(\.entry.dataset).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
    /// Model names in first-seen order.
    public var models: [String] { rows.map(\.entry.model).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    public func row(model: String, dataset: String) -> Row? {
        rows.first { $0.entry.model == model && $0.entry.dataset == dataset }
    }

    /// Model × dataset → test accuracy by track, macro-F1 and training seconds, aligned for a terminal.
    public var table: String {
        var lines: [[String]] = [
            ["model"] + datasets.map { "\($0): test acc (tracks) / macro-F1 / train s (mean ± sd over seeds)" }
        ]
        for model in models {
            var line = [model]
            for dataset in datasets { line.append(cell(model: model, dataset: dataset)) }
            lines.append(line)
        }
        var widths = [Int](repeating: 0, count: lines[0].count)
        for line in lines { for (c, text) in line.enumerated() { widths[c] = max(widths[c], text.count) } }
        var text = ""
        for line in lines {
            var padded: [String] = []
            for (c, cell) in line.enumerated() {
                padded.append(cell + String(repeating: " ", count: widths[c] - cell.count))
            }
            text += padded.joined(separator: "  ") + "\n"
        }
        return text
    }

    /// `accuracy / macro-F1 / seconds` of one model on one dataset, `—` when not trained.
    private func cell(model: String, dataset: String) -> String {
        guard let found = row(model: model, dataset: dataset) else { return "—" }
        let runs = found.runs.count
        return Self.format(found.testAccuracy, runs: runs) + " / " + Self.format(found.macroF1, runs: runs) + " / "
            + String(format: "%.1f", found.trainSeconds)
    }

    /// Three decimals (`0.812`, or `0.812 ± 0.021` over several runs), or `n/a`.
    static func format(_ value: (mean: Double, sd: Double)?, runs: Int = 1) -> String {
        guard let value else { return "n/a" }
        return runs > 1 ? String(format: "%.3f ± %.3f", value.mean, value.sd) : String(format: "%.3f", value.mean)
    }

    /// The row with the highest validation accuracy among `best_of`'s models (the first on ties):
    /// the test tracks never choose.
    public var best: Row? {
        rows.filter { $0.entry.dataset == spec.bestOf && $0.validationAccuracy != nil }
            .max { $0.validationAccuracy! < $1.validationAccuracy! }
    }

    /// Copies the best model's bundle (weights, manifest, log; of its runs, the one with the best
    /// validation accuracy; for models used together, each member's and their list) to `best` and points the `default` symbolic link at it. Returns the
    /// copy's folder, nil when the report names none.
    public func promoteBest() throws -> URL? {
        guard let best, let destination = spec.best.map({ URL(fileURLWithPath: $0) }) else { return nil }
        let run = best.runs.max { ($0.validationAccuracy ?? 0) < ($1.validationAccuracy ?? 0) }!
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: destination)
        func copyBundle(_ source: URL, to destination: URL) throws {
            try fileManager.createDirectory(at: destination, withIntermediateDirectories: true)
            for name in [ModelBundle.weightsName, ModelBundle.manifestName, "train-log.jsonl"]
            where fileManager.fileExists(atPath: source.appendingPathComponent(name).path) {
                try fileManager.copyItem(
                    at: source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
            }
        }
        if let combination = run.combination {
            for member in combination.members {
                try copyBundle(
                    run.directory.appendingPathComponent(member), to: destination.appendingPathComponent(member))
            }
            try combination.write(to: destination)
        } else {
            try copyBundle(run.directory, to: destination)
        }
        _ = try ModelCombination.bundles(at: destination.path)
        if let link = spec.default {
            let linkURL = URL(fileURLWithPath: link)
            try? fileManager.removeItem(at: linkURL)
            try fileManager.createDirectory(at: linkURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            let target =
                destination.deletingLastPathComponent().path == linkURL.deletingLastPathComponent().path
                ? destination.lastPathComponent : destination.standardizedFileURL.path
            try fileManager.createSymbolicLink(atPath: linkURL.path, withDestinationPath: target)
        }
        return destination
    }
}
