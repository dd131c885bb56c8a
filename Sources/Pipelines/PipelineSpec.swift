import ClassifierSupport
import Foundation
import Yams

/// A whole run described in YAML (`pipelines/*.yaml`), replayed by `audiocls run`:
///
/// ```yaml
/// name: demo
/// output: runs/demo                 # stamps, logs and the report
/// steps:
///   - name: genres
///     run: data synth runs/demo/data/genres --kind genres --tracks-per-class 12
///     outputs: [runs/demo/data/genres/manifest.csv]
///   - name: cvcnn
///     run: train genre runs/demo/data/genres --model cvcnn --out runs/demo/models/cvcnn
///     outputs: [runs/demo/models/cvcnn/model.json]
/// report:
///   title: Phase matters
///   compare:                        # the table: one row per model, one column per dataset
///     - {dataset: genres, model: cvcnn (mfcc), bundle: runs/demo/models/cvcnn}   # a bundle, or a --seeds folder
///   examples: [runs/demo/data/genres/techno/techno.0000.wav]   # spectrogram and phase images
///   best_of: genres                 # the best model on this dataset (validation track accuracy) …
///   best: models/demo               # … is copied here …
///   default: models/default         # … and linked here
///   predict: [runs/demo/data/genres/techno/techno.0000.wav]
///   phase_pairs:                    # a magnitude-only model and its phase-aware counterpart …
///     - {magnitude: cvcnn (mfcc), phase: cvcnn (phase-mfcc)}   # … read side by side per dataset
/// ```
///
/// `run` is an audiocls command line, split into words like a POSIX shell does (quotes and
/// backslashes honoured, nothing expanded; see ``ShellWords``), or a YAML list of arguments.
/// Paths are relative to the folder `audiocls run` is started in. A key that is not one of
/// those above is an error listing the valid ones; YAML errors name the line and column.
public struct PipelineSpec: Decodable, Sendable {
    public struct Step: Decodable, Sendable {
        public var name: String
        /// The audiocls arguments (without the program name).
        public var arguments: [String]
        /// Files or folders the step makes; the step is skipped when they exist and nothing it
        /// depends on changed.
        public var outputs: [String]

        enum CodingKeys: String, CodingKey { case name, run, outputs }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            if let list = try? container.decode([String].self, forKey: .run) {
                arguments = list
            } else {
                do { arguments = try ShellWords.split(try container.decode(String.self, forKey: .run)) } catch {
                    throw DecodingError.dataCorruptedError(
                        forKey: .run, in: container, debugDescription: "cannot split the command line: \(error)")
                }
            }
            outputs = try container.decodeIfPresent([String].self, forKey: .outputs) ?? []
        }
    }

    /// What the final report shows and does.
    public struct Report: Decodable, Sendable {
        /// One trained model in the comparison table.
        public struct Entry: Decodable, Sendable {
            public var dataset: String
            public var model: String
            public var bundle: String
        }

        public var title: String?
        public var compare: [Entry]
        /// Audio files shown as log-magnitude spectrogram and phase images.
        public var examples: [String]?
        /// The dataset whose models compete for `best`.
        public var bestOf: String?
        /// Where the best model (by track-level validation accuracy on `best_of`) is copied.
        public var best: String?
        /// A symbolic link made to `best` (e.g. `models/default`, which `predict` uses by default).
        public var `default`: String?
        /// Files the best model predicts, shown in the report.
        public var predict: [String]?
        /// Models (by their `compare` names) whose input keeps phase, each beside the magnitude-only
        /// model it is to be read against: the report says, per dataset, whether phase is ahead on
        /// validation (``PhaseComparison``).
        public var phasePairs: [PhasePair]?

        /// A `phase_pairs` entry: the `model` names of two `compare` entries.
        public struct PhasePair: Decodable, Sendable {
            public var magnitude: String
            public var phase: String
        }

        enum CodingKeys: String, CodingKey {
            case title, compare, examples, bestOf = "best_of", best, `default`, predict, phasePairs = "phase_pairs"
        }
    }

    public var name: String
    public var output: String
    public var steps: [Step]
    public var report: Report?

    /// Reads a pipeline; every problem names the file (and, for YAML errors, the line).
    public static func read(_ url: URL) throws(PipelineError) -> PipelineSpec {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text, path: url.path)
    }

    /// Parses pipeline YAML text; `path` names the file in messages.
    public static func parse(_ text: String, path: String) throws(PipelineError) -> PipelineSpec {
        let root = try PipelineYAML.compose(text, path: path)
        try PipelineYAML.checkKeys(root, path: path)
        let spec: PipelineSpec
        do { spec = try YAMLDecoder().decode(PipelineSpec.self, from: root) } catch {
            let at = (error as? DecodingError)?.context.map { PipelineYAML.node(at: $0.codingPath, in: root) } ?? nil
            throw .invalid(location: PipelineYAML.location(of: at, path: path), reason: Self.describe(error))
        }
        var seen: Set<String> = []
        for step in spec.steps {
            guard seen.insert(step.name).inserted else {
                throw .duplicateStep(path: path, step: step.name)
            }
            guard !step.arguments.isEmpty else {
                throw .emptyRun(path: path, step: step.name)
            }
            guard step.arguments.first != "run" else {
                throw .nestedRun(path: path, step: step.name)
            }
        }
        let models = Set(spec.report?.compare.map(\.model) ?? [])
        for name in spec.report?.phasePairs?.flatMap({ [$0.magnitude, $0.phase] }) ?? [] where !models.contains(name) {
            throw .unknownModel(path: path, model: name, known: spec.report!.compare.map(\.model))
        }
        return spec
    }

    /// A decoding error as a sentence: which key, what was wrong.
    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(let type, let context)?, .valueNotFound(let type, let context)?:
            return "expected \(type) at \(path(context))"
        case .dataCorrupted(let context)?:
            return "\(context.debugDescription) at \(path(context))"
        default:
            return "\(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty
            ? "the top level"
            : context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
