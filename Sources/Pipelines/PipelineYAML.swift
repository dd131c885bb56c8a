import ClassifierSupport
import Yams

/// Checks a pipeline's YAML before decoding: syntax errors and unknown keys become messages with
/// the file, line and column (`demo.yaml:12:5: unknown key 'outptus' in step 'x' (valid: …)`),
/// and decoding errors are placed at the node they concern.
enum PipelineYAML {
    /// The keys each mapping may hold, by its place: the top level, a step, the report, an
    /// entry of the report's `compare` or `phase_pairs`.
    static let topKeys = ["name", "output", "steps", "report"]
    static let stepKeys = ["name", "run", "outputs"]
    static let reportKeys = ["title", "compare", "examples", "best_of", "best", "default", "predict", "phase_pairs"]
    static let compareKeys = ["dataset", "model", "bundle"]
    static let phasePairKeys = ["magnitude", "phase"]

    /// The composed document; a syntax error names its line and column.
    static func compose(_ text: String, path: String) throws(PipelineError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineError.notYAML(location: path, reason: "empty pipeline")
            }
            return node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw .notYAML(location: "\(path):\(mark.line):\(mark.column)", reason: "not valid YAML: \(problem)")
            default: throw .notYAML(location: path, reason: "not valid YAML: \(error)")
            }
        } catch {
            throw .notYAML(location: path, reason: "not valid YAML: \(error)")
        }
    }

    /// Throws for the first key that is not one of the valid ones for its place.
    static func checkKeys(_ root: Node, path: String) throws(PipelineError) {
        try check(root, valid: topKeys, place: "at the top level", path: path)
        for (index, step) in (root["steps"]?.sequence ?? []).enumerated() {
            let name = step["name"]?.string.map { "'\($0)'" } ?? "\(index + 1)"
            try check(step, valid: stepKeys, place: "in step \(name)", path: path)
        }
        if let report = root["report"] {
            try check(report, valid: reportKeys, place: "in report", path: path)
            for entry in report["compare"]?.sequence ?? [] {
                try check(entry, valid: compareKeys, place: "in report.compare", path: path)
            }
            for pair in report["phase_pairs"]?.sequence ?? [] {
                try check(pair, valid: phasePairKeys, place: "in report.phase_pairs", path: path)
            }
        }
    }

    private static func check(_ node: Node, valid: [String], place: String, path: String) throws(PipelineError) {
        for key in node.mapping.map { Array($0.keys) } ?? [] {
            guard let name = key.string, !valid.contains(name) else { continue }
            throw .unknownKey(location: location(of: key, path: path), key: name, place: place, valid: valid)
        }
    }

    /// `path:line:column` of `node` (`path` alone when it has no mark).
    static func location(of node: Node?, path: String) -> String {
        guard let mark = node?.mark else { return path }
        return "\(path):\(mark.line):\(mark.column)"
    }

    /// The node at a decoding error's coding path, for its location.
    static func node(at codingPath: [any CodingKey], in root: Node) -> Node? {
        var node: Node? = root
        for key in codingPath {
            if let index = key.intValue {
                node = node?.sequence.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            } else {
                node = node?[key.stringValue]
            }
        }
        return node
    }
}
