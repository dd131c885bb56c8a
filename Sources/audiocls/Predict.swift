import ArgumentParser
import AudioClassifier
import Foundation

extension AudioCLS {
    /// `audiocls predict FILE_OR_FOLDER... --model models/NAME [--json|--csv]`
    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify audio files with a trained model bundle.",
            discussion: """
                Each file is decoded to mono at the model's rate, cut into the model's segments (a file \
                shorter than one segment is one segment padded with the training mean) and classified; \
                the probabilities are averaged over segments. Folders are searched for audio files. \
                A file that cannot be read is reported as "PATH: reason" on stderr and skipped; the exit \
                status is then 1.
                """)

        @Argument(help: "Audio files or folders.")
        var inputs: [String]

        @OptionGroup var modelOption: ModelOption

        @Flag(help: "One JSON object per file (JSON Lines).") var json = false
        @Flag(help: "CSV: path,label,<one probability column per class>,segments,seconds.") var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("choose one of --json and --csv") }
        }

        func run() throws {
            let predictor = try Predictor(bundle: try modelOption.load())
            let labels = predictor.bundle.manifest.labels
            var failed = false
            var table = TextTable(
                header: ["FILE", "LABEL"] + labels.map { "P(\($0))" } + ["SEGMENTS", "SECONDS"], textColumns: 2)
            if csv {
                print((["path", "label"] + labels + ["segments", "seconds"]).map(csvField).joined(separator: ","))
            }
            let (urls, problems) = files()
            for problem in problems { printError(problem) }
            failed = !problems.isEmpty
            for url in urls {
                do {
                    let p = try predictor.predict(url)
                    let numbers = p.probabilities.map { String(format: "%.4f", $0) }
                    if json {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                        print(String(decoding: try encoder.encode(p), as: UTF8.self))
                    } else if csv {
                        print(
                            ([p.path, p.label] + numbers + ["\(p.segments)", String(format: "%.3f", p.seconds)]).map(
                                csvField
                            ).joined(separator: ","))
                    } else {
                        table.append(
                            [p.path, p.label] + numbers + ["\(p.segments)", String(format: "%.3f", p.seconds)])
                    }
                } catch {
                    failed = true
                    printError("\(error)")
                }
            }
            if !json && !csv && !table.rows.isEmpty { table.lines.forEach { print($0) } }
            if failed { throw ExitCode(1) }
        }

        /// Files as given; folders expanded to the audio files below them, with the problems of
        /// folders that hold none. A missing path is kept so that it is reported as a failure.
        private func files() -> (urls: [URL], problems: [String]) {
            var urls: [URL] = [], problems: [String] = []
            for input in inputs {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue
                else {
                    urls.append(URL(fileURLWithPath: input))
                    continue
                }
                do { urls += try DatasetScanner.scan([input]).map(\.url) } catch { problems += error.problems }
            }
            return (urls, problems)
        }

        private func csvField(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}
