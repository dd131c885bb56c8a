/// Why a pipeline cannot be read or run; each case carries the file (with line and column where
/// known) or the pipeline and step it concerns.
public enum PipelineError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is empty or not YAML; `location` is `path[:line:column]`.
    case notYAML(location: String, reason: String)
    /// A key that is not valid at its place (`in step 'x'`, `at the top level`).
    case unknownKey(location: String, key: String, place: String, valid: [String])
    /// A value of the wrong kind, or a missing key.
    case invalid(location: String, reason: String)
    /// Two steps share a name.
    case duplicateStep(path: String, step: String)
    /// A step has no command line.
    case emptyRun(path: String, step: String)
    /// A step runs a pipeline itself.
    case nestedRun(path: String, step: String)
    /// A report's `phase_pairs` names a model that is not in its `compare`.
    case unknownModel(path: String, model: String, known: [String])
    /// A step ended with an error.
    case stepFailed(pipeline: String, step: String, reason: String)
    /// A step succeeded without writing all its outputs.
    case outputsMissing(pipeline: String, step: String, outputs: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .notYAML(let location, let reason): "\(location): \(reason)"
        case .unknownKey(let location, let key, let place, let valid):
            "\(location): unknown key '\(key)' \(place) (valid: \(valid.joined(separator: ", ")))"
        case .invalid(let location, let reason): "\(location): not a valid pipeline: \(reason)"
        case .duplicateStep(let path, let step): "\(path): two steps are named '\(step)'"
        case .emptyRun(let path, let step): "\(path): step '\(step)' has an empty run"
        case .nestedRun(let path, let step): "\(path): step '\(step)' may not run a pipeline"
        case .unknownModel(let path, let model, let known):
            "\(path): report.phase_pairs names '\(model)', which is not a model of report.compare (models: \(known.joined(separator: ", ")))"
        case .stepFailed(let pipeline, let step, let reason): "pipeline \(pipeline): step '\(step)' failed: \(reason)"
        case .outputsMissing(let pipeline, let step, let outputs):
            "pipeline \(pipeline): step '\(step)' did not write \(outputs.joined(separator: ", "))"
        }
    }
}
