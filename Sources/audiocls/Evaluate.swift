import ArgumentParser
import AudioClassifier
import Foundation

extension AudioCLS {
    /// `audiocls evaluate [DATASET...] --model models/NAME [--json]`
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure a model bundle on its saved test tracks or on another labelled dataset.",
            discussion: """
                Without DATASET the test tracks recorded in the bundle's split are used. Reports segment \
                accuracy, track accuracy by majority vote and by mean probability, macro-F1, per-class \
                precision/recall (tracks, mean probability) and the confusion matrix, also written as SVG.
                """)

        @Argument(help: "Folders or CSV manifests with labels. (default: the bundle's test split)")
        var datasets: [String] = []

        @OptionGroup var modelOption: ModelOption

        @Flag(help: "Print the metrics as one JSON object.") var json = false
        @Option(help: "Where to write the confusion matrix SVG. (default: MODEL/confusion.svg)") var svg: String?
        @Option(help: "Feature cache root.") var cache = "data/cache"
        @Flag(help: "No progress output.") var quiet = false

        func run() throws {
            let bundle = try modelOption.load()
            let items = datasets.isEmpty ? BundleEvaluation.savedTestTracks(bundle) : try DatasetScanner.scan(datasets)
            let result = try BundleEvaluation.evaluate(
                bundle, items: items, cache: FeatureCache(root: URL(fileURLWithPath: cache)),
                progress: ProgressReporter(total: items.count, style: quiet ? .quiet : .automatic))
            let svgPath = svg ?? bundle.directory.appendingPathComponent("confusion.svg").path
            let title = "\(bundle.directory.lastPathComponent): tracks (mean probability), \(items.count) tracks"
            try ConfusionMatrixSVG.render(result.tracksByMeanProbability.confusion, labels: result.labels, title: title)
                .write(toFile: svgPath, atomically: true, encoding: .utf8)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                report(result, tracks: items.count).forEach { print($0) }
                print("confusion matrix SVG: \(svgPath)")
            }
        }

        private func report(_ r: TrackEvaluation, tracks: Int) -> [String] {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            var lines = [
                "tracks \(tracks), segments \(r.segments.total)",
                "segment accuracy            \(f(r.segments.accuracy))  macro-F1 \(f(r.segments.macroF1))",
                "track accuracy (majority)   \(f(r.tracksByMajority.accuracy))  macro-F1 \(f(r.tracksByMajority.macroF1))",
                "track accuracy (mean prob.) \(f(r.tracksByMeanProbability.accuracy))  macro-F1 \(f(r.tracksByMeanProbability.macroF1))",
                "",
            ]
            let m = r.tracksByMeanProbability
            var perClass = TextTable(header: ["CLASS", "PRECISION", "RECALL", "F1", "TRACKS"])
            for scores in m.perClass {
                perClass.append([
                    scores.label, f(scores.precision), f(scores.recall), f(scores.f1), "\(scores.support)",
                ])
            }
            lines += perClass.lines + ["", "confusion (tracks, rows true, columns predicted):"]
            var confusion = TextTable(header: ["TRUE \\ PRED"] + r.labels)
            for (c, label) in r.labels.enumerated() { confusion.append([label] + m.confusion[c].map(String.init)) }
            return lines + confusion.lines
        }
    }
}
