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
                matrix, also written as SVG (after the metrics are printed). --predictions FILE also \
                writes each scored track's prediction as CSV (path, group, label, predicted, whether \
                right, confidence, one probability column per class), to list the wrong tracks.

                With --model given several times the models are used together, as `predict` uses them: \
                each track's class probabilities are the mean of the models' (each model's own: the mean \
                over its windows of its feature), so models with different features, segments or \
                architectures combine. A track is scored only when it is of --split for every model. The \
                table shows each model alone and the average on the same tracks; the per-class scores and \
                the confusion matrix (default SVG: FIRST_MODEL/confusion-combined.svg) are the average's.
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
        @Option(
            help: ArgumentHelp(
                "Also write each scored track's prediction to FILE as CSV: path, group, label, predicted, correct (1/0), confidence, p_<class>...",
                valueName: "file"))
        var predictions: String?
        @OptionGroup var cacheOption: CacheOption
        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let (bundles, modelNames) = try modelOption.load()
            let cache = FeatureCache(root: URL(fileURLWithPath: cacheOption.path))
            let selection = try BundleEvaluation.select(bundles, datasets: datasets, split: split, cache: cache)
            guard !selection.items.isEmpty else {
                Logger.cli.error("audiocls: no tracks to evaluate: \(selection.summary) (see --split)")
                throw ExitCode.failure
            }
            let names = modelNames.joined(separator: " + ")
            let confusion: [[Int]], labels: [String], svgPath: String
            let tracks: TrackPredictions
            if bundles.count == 1 {
                let (result, probabilities) = try BundleEvaluation.scores(
                    bundles[0], items: selection.items, cache: cache,
                    progress: ProgressReporter(total: selection.scored, style: StandardErrorLog.progressStyle))
                try show(EvaluationReport(evaluation: result, selection: selection)) {
                    ["model \(names): \(selection.summary)"] + EvaluationText.lines(result)
                }
                (confusion, labels) = (result.tracksByMeanProbability.confusion, result.labels)
                tracks = TrackPredictions(items: selection.items, labels: labels, probabilities: probabilities)
                svgPath = svg ?? bundles[0].directory.appendingPathComponent("confusion.svg").path
            } else {
                let result = try BundleEvaluation.evaluate(bundles, items: selection.items, cache: cache) { k in
                    ProgressReporter(
                        total: selection.scored, style: StandardErrorLog.progressStyle,
                        label: "model \(k + 1)/\(bundles.count): ")
                }
                try show(CombinedEvaluationReport(evaluation: result, models: modelNames, selection: selection)) {
                    ["models \(names): \(selection.summary)"]
                        + EvaluationText.lines(result, models: modelNames)
                }
                (confusion, labels) = (result.tracks.confusion, result.labels)
                tracks = TrackPredictions(
                    items: selection.items, labels: labels, probabilities: result.trackProbabilities)
                svgPath = svg ?? bundles[0].directory.appendingPathComponent("confusion-combined.svg").path
            }
            if let predictions {
                do {
                    try tracks.write(to: URL(fileURLWithPath: predictions))
                } catch {
                    Logger.cli.error(
                        "audiocls: the metrics are above, but --predictions \(predictions) was not written: \(fileSystemReason(error)) (choose another place)"
                    )
                    throw ExitCode.failure
                }
            }
            let title = "\(names): tracks (mean probability), \(selection.scored) tracks"
            do {
                try ConfusionMatrixSVG.write(confusion, labels: labels, title: title, to: URL(fileURLWithPath: svgPath))
            } catch {
                Logger.cli.error(
                    "audiocls: the metrics are above, but the confusion matrix SVG was not written: \(error) (choose another place with --svg PATH)"
                )
                throw ExitCode.failure
            }
            if !json {
                print("confusion matrix SVG: \(svgPath)")
                if let predictions { print("track predictions (CSV): \(predictions)") }
            }
        }

        /// Prints `report` as JSON with `--json`, else the text `lines` gives.
        private func show(_ report: some Encodable, lines: () -> [String]) throws {
            if json {
                print(String(decoding: try JSONEncoder.sortedKeys.encode(report), as: UTF8.self))
            } else {
                lines().forEach { print($0) }
            }
            fflush(nil)
        }
    }
}

extension EvaluationSplit: ExpressibleByArgument {}

/// The text reports of `evaluate`: accuracies, per-class scores and the confusion table.
enum EvaluationText {
    static func lines(_ r: TrackEvaluation) -> [String] {
        [
            "tracks \(r.tracksByMeanProbability.total), segments \(r.segments.total)",
            "segment accuracy            \(f3(r.segments.accuracy))  macro-F1 \(f3(r.segments.macroF1))",
            "track accuracy (majority)   \(f3(r.tracksByMajority.accuracy))  macro-F1 \(f3(r.tracksByMajority.macroF1))",
            "track accuracy (mean prob.) \(f3(r.tracksByMeanProbability.accuracy))  macro-F1 \(f3(r.tracksByMeanProbability.macroF1))",
            "",
        ] + classLines(r.tracksByMeanProbability, labels: r.labels)
    }

    /// Each model alone and their average (track accuracy by mean probability), then the
    /// average's per-class scores and confusion table.
    static func lines(_ r: CombinedEvaluation, models: [String]) -> [String] {
        var table = TextTable(header: ["MODEL", "TRACKS", "ACCURACY", "MACRO-F1"])
        for (path, member) in zip(models, r.members) {
            let m = member.tracksByMeanProbability
            table.append([path, "\(m.total)", f3(m.accuracy), f3(m.macroF1)])
        }
        table.append([
            "average of the \(models.count)", "\(r.tracks.total)", f3(r.tracks.accuracy), f3(r.tracks.macroF1),
        ])
        return ["track accuracy (mean probability):"] + table.lines + [""] + classLines(r.tracks, labels: r.labels)
    }

    private static func classLines(_ m: MetricsSummary, labels: [String]) -> [String] {
        var perClass = TextTable(header: ["CLASS", "PRECISION", "RECALL", "F1", "TRACKS"])
        for scores in m.perClass {
            perClass.append([scores.label, f3(scores.precision), f3(scores.recall), f3(scores.f1), "\(scores.support)"])
        }
        var confusion = TextTable(header: ["TRUE \\ PRED"] + labels)
        for (c, label) in labels.enumerated() { confusion.append([label] + m.confusion[c].map(String.init)) }
        return perClass.lines + ["", "confusion (tracks, rows true, columns predicted):"] + confusion.lines
    }

    private static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
}
