import ArgumentParser
import Bundles
import Datasets
import Foundation
import Inference
import Logging

extension AudioCLS {
    /// `audiocls predict FILE_OR_FOLDER... [--model models/NAME] [--json|--csv] [--top-k K] …`
    struct Predict: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Classify audio files with a trained model bundle.",
            discussion: """
                Each file is decoded to mono at the model's rate and scored over windows of one segment, \
                every --hop-seconds (overlapping by default); the last window reaches the end of the file \
                (padded with the training mean), so nothing is dropped. The probabilities are averaged over \
                the windows. `-` reads one audio file from standard input. Folders are searched for audio files.

                Every output names the model (folder and the first 8 hex digits of its weights' SHA-256), \
                its classes and what it was trained on. With --model given several times the models are \
                used together: each scores the file its own way and their class probabilities are averaged \
                (they must share their classes); measure such a combination with `audiocls evaluate` and the \
                same --model options. The out-of-distribution score is the distance of \
                the input's feature statistics from the training tracks' (about 1 for training-like audio); \
                above the bundle's threshold (calibrated on its validation tracks) the input is flagged as \
                unlike the training data, and its label means little.

                A file that cannot be read is reported as "PATH: reason" on stderr and skipped; the exit \
                status is then 1.
                """)

        @Argument(help: "Audio files or folders; - reads audio from standard input.")
        var inputs: [String]

        @OptionGroup var modelOption: ModelOption

        @Flag(help: "One JSON object per file (JSON Lines), snake-case keys.") var json = false
        @Flag(
            help:
                "CSV: path,label,confidence,<one probability column per class>,ood_score,unlike_training,windows,audio_seconds,elapsed_ms and the model columns."
        )
        var csv = false
        @Option(help: "Report the K most probable labels.") var topK = 1
        @Option(help: "Print `unknown` when the top probability is below P (0…1).") var minConfidence: Float = 0
        @Option(help: "Seconds between window starts. (default: half the model's segment)") var hopSeconds: Double?
        @Flag(help: "Also print every window: start, end (seconds), label, probability.") var timeline = false
        @OptionGroup var verbosity: Verbosity

        func validate() throws {
            if json && csv { throw ValidationError("choose one of --json and --csv") }
            guard topK >= 1 else { throw ValidationError("--top-k \(topK): must be at least 1") }
            guard (0...1).contains(minConfidence) else {
                throw ValidationError("--min-confidence \(minConfidence): must be between 0 and 1")
            }
            if let hopSeconds, !(hopSeconds > 0 && hopSeconds.isFinite) {
                throw ValidationError("--hop-seconds \(hopSeconds): must be positive")
            }
            if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) can be given once") }
        }

        func run() throws {
            let (bundles, paths) = try modelOption.load()
            if timeline && bundles.count > 1 {
                throw ValidationError(
                    "--timeline shows one model's windows: \(paths.joined(separator: " + ")) are used together; give one of them as --model"
                )
            }
            let predict = try predictions(bundles)
            var output = PredictionOutput(
                model: bundles.count == 1
                    ? ModelDescription(bundles[0], path: paths[0]) : ModelDescription(combining: bundles, paths: paths),
                format: json ? .json : csv ? .csv : .table, timeline: timeline, topK: topK)
            let (sources, problems) = files()
            for problem in problems { Logger.cli.error("\(problem)") }
            var failed = !problems.isEmpty
            output.begin()
            for source in sources {
                do {
                    try output.add(try predict(source))
                } catch {
                    failed = true
                    Logger.cli.error("\(error)")
                }
            }
            output.finish()
            if failed { throw ExitCode(1) }
        }

        /// Predicts an input (a path, or `-` for standard input) with the bundle, or with several
        /// used together.
        private func predictions(_ bundles: [ModelBundle]) throws -> (String) throws -> Prediction {
            func standardInput() -> Data { FileHandle.standardInput.readDataToEndOfFile() }
            guard bundles.count > 1 else {
                var predictor = try Predictor(bundle: bundles[0])
                if let hopSeconds { predictor.hopSeconds = hopSeconds }
                (predictor.topK, predictor.minimumConfidence, predictor.timeline) = (topK, minConfidence, timeline)
                return { [predictor] source in
                    source == "-"
                        ? try predictor.predict(data: standardInput(), name: "-")
                        : try predictor.predict(URL(fileURLWithPath: source))
                }
            }
            var combined = try CombinedPredictor(bundles: bundles)
            if let hopSeconds { combined.setHopSeconds(hopSeconds) }
            (combined.topK, combined.minimumConfidence) = (topK, minConfidence)
            return { [combined] source in
                source == "-"
                    ? try combined.predict(data: standardInput(), name: "-")
                    : try combined.predict(URL(fileURLWithPath: source))
            }
        }

        /// Inputs as given; folders expanded to the audio files below them, with the problems of
        /// folders that hold none. A missing path is kept so that it is reported as a failure.
        private func files() -> (sources: [String], problems: [String]) {
            var sources: [String] = [], problems: [String] = []
            for input in inputs {
                var isDirectory: ObjCBool = false
                guard input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory),
                    isDirectory.boolValue
                else {
                    sources.append(input)
                    continue
                }
                do { sources += try DatasetScanner.scan([input]).map(\.path) } catch { problems += error.problems }
            }
            return (sources, problems)
        }
    }
}
