/// What the gradient exchange of a training run cost on this rank: the figures behind
/// bench/README.md's projection t_step(N) ≈ t_compute/N + t_allreduce(N).
public struct CommunicationStatistics: Sendable, Equatable {
    /// Optimizer steps taken (one allreduce each).
    public var steps = 0
    /// Floats sent per step: gradients (complex as two planes), BatchNorm running statistics, loss
    /// and correct count. Bytes are 4× this.
    public var floatsPerStep = 0
    /// Wall-clock seconds spent inside the per-step allreduce (including waiting for slower ranks).
    public var allreduceSeconds = 0.0
    /// Wall-clock seconds of the steps' forward, backward and allreduce (not the batch assembly
    /// and the optimizer update, which every rank repeats in full, nor validation).
    public var stepSeconds = 0.0

    public init() {}

    /// Mean seconds per step of this rank's forward and backward.
    public var computeSecondsPerStep: Double { (stepSeconds - allreduceSeconds) / Double(max(steps, 1)) }
    /// Mean seconds per step inside the allreduce.
    public var allreduceSecondsPerStep: Double { allreduceSeconds / Double(max(steps, 1)) }
}
