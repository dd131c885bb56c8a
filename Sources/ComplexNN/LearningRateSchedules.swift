import Foundation

// Learning-rate schedules, each the closed form of a `torch.optim.lr_scheduler` rule. A schedule
// maps a 0-based count of scheduler steps to a rate; the caller decides what a step is (an epoch,
// or one optimizer step) and sets `optimizer.learningRate = schedule.learningRate(step: s)`
// before the s-th one — where PyTorch calls `scheduler.step()` after it.

/// A learning rate as a function of the (0-based) scheduler step.
public protocol LearningRateSchedule: Sendable {
    /// The rate for step `step` ≥ 0.
    func learningRate(step: Int) -> Float
}

/// minimum + (base − minimum)·(1 + cos(π·step/totalSteps))/2 (`CosineAnnealingLR`, closed form):
/// base at step 0, the minimum at step `totalSteps`.
public struct CosineSchedule: LearningRateSchedule {
    public let base: Float, totalSteps: Int, minimum: Float

    /// `minimum` defaults to 0, as PyTorch's `eta_min`.
    public init(base: Float, totalSteps: Int, minimum: Float = 0) {
        precondition(totalSteps > 0, "cosine schedule: totalSteps=\(totalSteps) must be positive")
        (self.base, self.totalSteps, self.minimum) = (base, totalSteps, minimum)
    }

    public func learningRate(step: Int) -> Float {
        minimum + (base - minimum) * (1 + Foundation.cos(Float.pi * Float(step) / Float(totalSteps))) / 2
    }
}

/// Linear warm-up for W = `warmupSteps` steps, then cosine decay from `base` to `minimum` m over
/// the remaining T − W of T = `totalSteps`, meant to be stepped once per optimizer step:
///
///     lr(s) = base·s/W                                       for s < W,
///     lr(s) = m + (base − m)·(1 + cos(π·(s − W)/(T − W)))/2  for W ≤ s ≤ T,
///     lr(s) = m                                              for s > T.
///
/// Step 0 thus runs at 0 when W > 0, step W at the peak `base`, and the rate reaches m at step
/// T (the last of T steps, T − 1, runs just above it). This is Hugging Face's
/// `get_cosine_with_min_lr_schedule_with_warmup` (a `LambdaLR` factor times `base`), held at m
/// after T instead of rising again.
public struct WarmupCosineSchedule: LearningRateSchedule {
    public let base: Float, warmupSteps: Int, totalSteps: Int, minimum: Float
    private let decay: CosineSchedule

    /// - Parameters:
    ///   - base: the peak rate, reached at the end of the warm-up.
    ///   - warmupSteps: W ≥ 0 (0: no warm-up, the decay starts at `base`).
    ///   - totalSteps: T > W, the steps of the whole run (epochs × batches per epoch).
    ///   - minimum: m, the final rate (default 0).
    public init(base: Float, warmupSteps: Int, totalSteps: Int, minimum: Float = 0) {
        precondition(
            warmupSteps >= 0 && totalSteps > warmupSteps,
            "warm-up cosine schedule: need 0 ≤ warmupSteps < totalSteps, got \(warmupSteps) and \(totalSteps)")
        (self.base, self.warmupSteps, self.totalSteps, self.minimum) = (base, warmupSteps, totalSteps, minimum)
        decay = CosineSchedule(base: base, totalSteps: totalSteps - warmupSteps, minimum: minimum)
    }

    public func learningRate(step: Int) -> Float {
        guard step >= warmupSteps else { return base * Float(step) / Float(warmupSteps) }
        return decay.learningRate(step: min(step, totalSteps) - warmupSteps)
    }
}
