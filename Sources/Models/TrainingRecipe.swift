import ClassifierSupport
import ComplexNN

/// How each class's loss is weighted.
public enum ClassWeighting: String, Codable, CaseIterable, Sendable {
    /// Every class weighs 1.
    case none
    /// Weight n / (classes · n_c) for a class of n_c training segments out of n (scikit-learn's
    /// `class_weight="balanced"`), so a rare class counts as much as a frequent one.
    case balanced

    /// The weights for training segments with these class indices (`nil` for `none`).
    public func weights(labels: [Int], classes: Int) -> [Float]? {
        guard self == .balanced else { return nil }
        var counts = [Int](repeating: 0, count: classes)
        for label in labels { counts[label] += 1 }
        return counts.map { $0 == 0 ? 0 : Float(labels.count) / Float(classes * $0) }
    }
}

/// How the learning rate moves over a run.
public enum LearningRateScheduleKind: String, Codable, CaseIterable, Sendable {
    /// The configured rate at every step.
    case constant
    /// Linear warm-up, then a cosine decay over the rest of the run (``WarmupCosineSchedule``).
    case cosine
}

/// The parts of training that help small real datasets generalise (``TrainingConfiguration/recipe``).
/// Bundles written before they existed have none: constant learning rate, plain cross-entropy.
public struct TrainingRecipe: Codable, Sendable, Equatable {
    public var schedule: LearningRateScheduleKind = .cosine
    /// Linear warm-up of the learning rate over this many epochs' steps, then a cosine decay to
    /// ``minimumLearningRateFraction`` of it at the last step (default 1 epoch).
    public var warmupEpochs: Double = 1
    /// The learning rate at the end of the decay, as a fraction of the peak.
    public var minimumLearningRateFraction: Float = 0.01
    /// Label smoothing ε: targets (1 − ε)·onehot + ε/classes (default 0.1).
    public var labelSmoothing: Float = 0.1
    public var classWeighting: ClassWeighting = .balanced
    /// Stop after this many epochs without a better validation epoch (`nil`: run every epoch).
    public var patience: Int? = nil

    public init() {}

    /// Whether the rate changes over the run (then a run's length is part of its schedule).
    public var schedulesLearningRate: Bool { schedule != .constant }

    /// The per-step schedule of a run of `epochs` epochs of `stepsPerEpoch` steps peaking at
    /// `learningRate` (`nil` for a constant rate).
    public func schedule(learningRate: Float, epochs: Int, stepsPerEpoch: Int) -> WarmupCosineSchedule? {
        guard schedulesLearningRate else { return nil }
        let total = max(1, epochs * stepsPerEpoch)
        return WarmupCosineSchedule(
            base: learningRate, warmupSteps: min(total - 1, Int((warmupEpochs * Double(stepsPerEpoch)).rounded())),
            totalSteps: total, minimum: learningRate * minimumLearningRateFraction)
    }

    /// Checks the values a user can get wrong, naming the setting by its key.
    func validate() throws(ConfigurationError) {
        guard warmupEpochs >= 0, warmupEpochs.isFinite else {
            throw ConfigurationError(key: "warmup_epochs", value: "\(warmupEpochs)", reason: "must be ≥ 0")
        }
        guard (0..<1).contains(labelSmoothing) else {
            throw ConfigurationError(key: "label_smoothing", value: "\(labelSmoothing)", reason: "must lie in [0, 1)")
        }
        if let patience { try ConfigurationError.requirePositive(patience, key: "patience") }
    }
}
