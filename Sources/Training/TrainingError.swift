import ClassifierSupport

/// Why training could not run or stopped. Messages name settings by key (`lr`, `epochs`);
/// ``message(naming:)`` lets the command line spell them as its flags.
public enum TrainingError: SettingNamingError, Equatable, Sendable {
    /// The loss became NaN or ±Inf; `checkpoint` is the last good one (or `nil` if none yet).
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Float, checkpoint: String?)
    /// A resumed run found no checkpoint at `path`.
    case noCheckpoint(path: String)
    /// The checkpoint at `path` was written by a run with other settings.
    case otherSettings(path: String)
    /// The checkpoint at `path` cannot be read or does not fit the model.
    case unusableCheckpoint(path: String, reason: String)
    /// Fewer than two classes among the tracks.
    case tooFewClasses([String])
    /// The split left no track to train on.
    case noTrainingTracks
    /// `--refit` on a run without validation tracks, which choose the epochs it refits for.
    case refitWithoutValidation
    /// The bundle of `init_from` cannot start this run's network; `reason` names other settings
    /// as `{key}` (see ``ConfigurationError/init(key:value:reason:)``).
    case unusableInitialWeights(bundle: String, reason: String)

    public func message(naming name: (String) -> String) -> String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let loss, let checkpoint):
            "training diverged: loss \(loss) at epoch \(epoch), batch \(batch) (lower \(name("lr"))?); "
                + (checkpoint.map { "last good checkpoint kept: \($0)" } ?? "no checkpoint was written yet")
        case .noCheckpoint(let path): "cannot resume: no checkpoint at \(path)"
        case .otherSettings(let path):
            "cannot resume: \(path) was written by a run with other settings (only \(name("epochs")) may change, and only with \(name("schedule")) constant)"
        case .unusableCheckpoint(let path, let reason): "\(path): \(reason)"
        case .tooFewClasses(let labels): "training needs at least two classes, found \(labels)"
        case .noTrainingTracks: "no training tracks after the split"
        case .refitWithoutValidation:
            "--refit trains again for the epochs validation chose, and this run has no validation tracks (use --val F)"
        case .unusableInitialWeights(let bundle, let reason):
            "\(name("init_from")) \(bundle): \(ConfigurationError(key: "init_from", value: bundle, reason: reason).reason(naming: name))"
        }
    }
}
