import ClassifierSupport

/// Why a bundle cannot be evaluated on the tracks given; each case names the bundle or the tracks.
public enum EvaluationError: SettingNamingError, Equatable, Sendable {
    /// Tracks recorded in the bundle's `model.json` that are no longer where it says.
    case recordedTracksMissing(bundle: String, paths: [String])
    /// Tracks whose labels the model does not know, with those labels, and the model's labels.
    case unknownLabels(paths: [String], labels: [String], known: [String])
    /// Nothing to evaluate.
    case noTracks

    public func message(naming name: (String) -> String) -> String {
        switch self {
        case .recordedTracksMissing(let bundle, let paths):
            (paths.prefix(5).map { "\($0): recorded in \(bundle)/model.json but not found" } + [
                "if the dataset moved, name it: audiocls evaluate DATASET \(name("model")) \(bundle) (its tracks are recognised by content)"
            ]).joined(separator: "\n")
        case .unknownLabels(let paths, let labels, let known):
            zip(paths, labels).prefix(10).map {
                "\($0): label '\($1)' is not one the model knows (\(known.joined(separator: ", ")))"
            }.joined(separator: "\n")
        case .noTracks: "no tracks to evaluate"
        }
    }
}
