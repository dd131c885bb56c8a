import Foundation

/// The results of a pipeline's compared models: a text table for the terminal, the best model's
/// promotion to `models/…`, and the data the HTML page shows.
public struct PipelineReport {
    /// One compared model with what its bundle and training log say.
    public struct Row {
        public let entry: PipelineSpec.Report.Entry
        public let manifest: BundleManifest
        public let log: [EpochRecord]
        /// Track-level test metrics (mean-probability vote) of the kept weights, nil without a test split.
        public let test: MetricsSummary?
        /// Seconds spent in training epochs.
        public let trainSeconds: Double

        init(entry: PipelineSpec.Report.Entry, manifest: BundleManifest, log: [EpochRecord]) {
            (self.entry, self.manifest, self.log) = (entry, manifest, log)
            test = manifest.test?.tracksByMeanProbability
            trainSeconds = log.reduce(0) { $0 + $1.seconds }
        }

        public var testAccuracy: Double? { test?.accuracy }
        public var macroF1: Double? { test?.macroF1 }
    }

    public let spec: PipelineSpec.Report
    public let rows: [Row]

    /// Loads (and checks) every compared bundle.
    public init(_ spec: PipelineSpec.Report) throws {
        self.spec = spec
        rows = try spec.compare.map { entry in
            let directory = URL(fileURLWithPath: entry.bundle)
            let bundle = try ModelBundle(directory: directory)
            return Row(
                entry: entry, manifest: bundle.manifest,
                log: EpochRecord.read(directory.appendingPathComponent("train-log.jsonl")))
        }
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
        var lines: [[String]] = [["model"] + datasets.map { "\($0): test acc (tracks) / macro-F1 / train s" }]
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
        return Self.format(found.testAccuracy) + " / " + Self.format(found.macroF1) + " / "
            + String(format: "%.1f", found.trainSeconds)
    }

    /// Three decimals, or `n/a`.
    static func format(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.3f", value)
    }

    /// The row with the highest test accuracy among `best_of`'s models (the first on ties).
    public var best: Row? {
        rows.filter { $0.entry.dataset == spec.best_of && $0.testAccuracy != nil }
            .max { $0.testAccuracy! < $1.testAccuracy! }
    }

    /// Copies the best model's bundle (weights, manifest, log) to `best` and points the
    /// `default` symbolic link at it. Returns the copy's folder, nil when the report names none.
    public func promoteBest() throws -> URL? {
        guard let best, let destination = spec.best.map({ URL(fileURLWithPath: $0) }) else { return nil }
        let source = URL(fileURLWithPath: best.entry.bundle)
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: destination)
        try fileManager.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in [ModelBundle.weightsName, ModelBundle.manifestName, "train-log.jsonl"]
        where fileManager.fileExists(atPath: source.appendingPathComponent(name).path) {
            try fileManager.copyItem(
                at: source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
        }
        _ = try ModelBundle(directory: destination)
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
