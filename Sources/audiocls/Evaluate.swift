import ArgumentParser
import Charts
import ClassifierSupport
import Evaluation
import FeatureExtraction
import Foundation
import Logging
import Models

extension AudioCLS {
    /// `audiocls evaluate [DATASET...] --model models/NAME [--split test|val|train|all] [--json]`
    struct Evaluate: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Measure a model bundle on tracks it did not train on.",
            discussion: """
                Without DATASET the tracks recorded in the bundle are used; with DATASET, its tracks. \
                Either way only tracks of --split are scored: by default (test) those the model neither \
                trained nor validated on. Tracks are recognised by the SHA-256 of their content, so a \
                moved or re-listed dataset is still matched (bundles of format 1, which recorded paths \
                only, are matched by path, with a warning). A manifest's split column says the role of a \
                track the bundle does not know. Every output says how many tracks were scored and how \
                many were left out.

                Reports segment accuracy, track accuracy by majority vote and by mean probability, \
                macro-F1, per-class precision/recall (tracks, mean probability) and the confusion \
                matrix, also written as SVG (after the metrics are printed).
                """)

        @Argument(help: "Folders or CSV manifests with labels. (default: the tracks recorded in the bundle)")
        var datasets: [String] = []

        @OptionGroup var modelOption: ModelOption

        @Option(
            help:
                "test: tracks the model neither trained nor validated on; val; train; all (prints a warning)."
        )
        var split: EvaluationSplit = .test

        @Flag(help: "Print the metrics as one JSON object.") var json = false
        @Option(help: "Where to write the confusion matrix SVG. (default: MODEL/confusion.svg)") var svg: String?
        @OptionGroup var cacheOption: CacheOption
        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let bundle = try modelOption.load()
            let cache = FeatureCache(root: URL(fileURLWithPath: cacheOption.path))
            let selection = try BundleEvaluation.select(bundle, datasets: datasets, split: split, cache: cache)
            guard !selection.items.isEmpty else {
                Logger.cli.error("audiocls: no tracks to evaluate: \(selection.summary) (see --split)")
                throw ExitCode.failure
            }
            let result = try BundleEvaluation.evaluate(
                bundle, items: selection.items, cache: cache,
                progress: ProgressReporter(total: selection.scored, style: StandardErrorLog.progressStyle))
            let svgPath = svg ?? bundle.directory.appendingPathComponent("confusion.svg").path
            if json {
                let encoder = JSONEncoder.sortedKeys
                let report = EvaluationReport(evaluation: result, selection: selection)
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print("model \(modelOption.path): \(selection.summary)")
                EvaluationText.lines(result).forEach { print($0) }
            }
            fflush(nil)
            let title = "\(bundle.directory.lastPathComponent): tracks (mean probability), \(selection.scored) tracks"
            do {
                try ConfusionMatrixSVG.write(
                    result.tracksByMeanProbability.confusion, labels: result.labels, title: title,
                    to: URL(fileURLWithPath: svgPath))
            } catch {
                Logger.cli.error(
                    "audiocls: the metrics are above, but the confusion matrix SVG was not written: \(error) (choose another place with --svg PATH)"
                )
                throw ExitCode.failure
            }
            if !json { print("confusion matrix SVG: \(svgPath)") }
        }
    }
}

extension EvaluationSplit: ExpressibleByArgument {}

/// The text report of a ``TrackEvaluation``: accuracies, per-class scores and the confusion table.
enum EvaluationText {
    static func lines(_ r: TrackEvaluation) -> [String] {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = [
            "tracks \(r.tracksByMeanProbability.total), segments \(r.segments.total)",
            "segment accuracy            \(f(r.segments.accuracy))  macro-F1 \(f(r.segments.macroF1))",
            "track accuracy (majority)   \(f(r.tracksByMajority.accuracy))  macro-F1 \(f(r.tracksByMajority.macroF1))",
            "track accuracy (mean prob.) \(f(r.tracksByMeanProbability.accuracy))  macro-F1 \(f(r.tracksByMeanProbability.macroF1))",
            "",
        ]
        let m = r.tracksByMeanProbability
        var perClass = TextTable(header: ["CLASS", "PRECISION", "RECALL", "F1", "TRACKS"])
        for scores in m.perClass {
            perClass.append([scores.label, f(scores.precision), f(scores.recall), f(scores.f1), "\(scores.support)"])
        }
        lines += perClass.lines + ["", "confusion (tracks, rows true, columns predicted):"]
        var confusion = TextTable(header: ["TRUE \\ PRED"] + r.labels)
        for (c, label) in r.labels.enumerated() { confusion.append([label] + m.confusion[c].map(String.init)) }
        return lines + confusion.lines
    }
}
