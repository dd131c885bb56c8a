/// Why training stopped.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss became NaN or ±Inf; `checkpoint` is the last good one (or `nil` if none yet).
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Float, checkpoint: String?)
    /// `--resume` without a checkpoint, or with one from a different run.
    case cannotResume(String)

    public var description: String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let loss, let checkpoint):
            "training diverged: loss \(loss) at epoch \(epoch), batch \(batch) (lower --lr?); "
                + (checkpoint.map { "last good checkpoint kept: \($0)" } ?? "no checkpoint was written yet")
        case .cannotResume(let reason): "cannot resume: \(reason)"
        }
    }
}
