/// Where a training run's steps spent their time on this rank: the figures behind
/// bench/README.md's projection t_step(N) ≈ t_forwardBackward/N + t_other + t_allreduce(N).
public struct CommunicationStatistics: Sendable, Equatable {
    /// Optimizer steps taken (one allreduce each).
    public var steps = 0
    /// Floats sent per step: gradients (complex as two planes), BatchNorm running statistics, loss
    /// and correct count. Bytes are 4× this.
    public var floatsPerStep = 0
    /// Seconds of this rank's forward and backward passes (its share of the batch).
    public var forwardBackwardSeconds = 0.0
    /// Seconds inside the per-step allreduce (including waiting for slower ranks).
    public var allreduceSeconds = 0.0
    /// Seconds of whole steps: batch assembly, forward, backward, allreduce and the optimizer
    /// update (validation excluded). Assembly and update are repeated in full by every rank.
    public var stepSeconds = 0.0

    public init() {}

    /// The one-line summary rank 0 prints after a distributed run.
    public func summary(ranks: Int) -> String {
        func perStep(_ seconds: Double) -> String { String(format: "%.2f ms", 1000 * seconds / Double(max(steps, 1))) }
        return "distributed: \(ranks) ranks, \(steps) steps, "
            + String(format: "%.2f MB", Double(4 * floatsPerStep) / 1e6)
            + " exchanged per step; rank 0 per step: forward+backward \(perStep(forwardBackwardSeconds)), allreduce \(perStep(allreduceSeconds)), other (batch, optimizer) \(perStep(stepSeconds - forwardBackwardSeconds - allreduceSeconds))"
    }
}
