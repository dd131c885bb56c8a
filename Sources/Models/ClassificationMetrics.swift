/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of a set of
/// predictions over `classCount` classes.
public struct ClassificationMetrics: Codable, Sendable, Equatable {
    /// `confusion[truth][predicted]` counts.
    public let confusion: [[Int]]

    public init(truth: [Int], predicted: [Int], classCount: Int) {
        precondition(truth.count == predicted.count, "\(truth.count) labels for \(predicted.count) predictions")
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(truth, predicted) { confusion[t][p] += 1 }
        self.confusion = confusion
    }

    public var classCount: Int { confusion.count }
    public var total: Int { confusion.joined().reduce(0, +) }

    /// Fraction correct in 0…1 (0 for no samples).
    public var accuracy: Double {
        total == 0 ? 0 : Double((0..<classCount).map { confusion[$0][$0] }.reduce(0, +)) / Double(total)
    }

    /// Of the samples predicted as class `c`, the fraction that are `c` (0 when none is predicted).
    public func precision(_ c: Int) -> Double {
        let predicted = confusion.map { $0[c] }.reduce(0, +)
        return predicted == 0 ? 0 : Double(confusion[c][c]) / Double(predicted)
    }

    /// Of the samples of class `c`, the fraction predicted as `c` (0 for an absent class).
    public func recall(_ c: Int) -> Double {
        let actual = confusion[c].reduce(0, +)
        return actual == 0 ? 0 : Double(confusion[c][c]) / Double(actual)
    }

    /// Harmonic mean of precision and recall (0 when both are 0).
    public func f1(_ c: Int) -> Double {
        let (p, r) = (precision(c), recall(c))
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Unweighted mean of the per-class F1 over classes present in the truth or the predictions
    /// (scikit-learn's `f1_score(average="macro")` with its default `labels`).
    public var macroF1: Double {
        let present = (0..<classCount).filter { c in confusion[c].reduce(0, +) > 0 || confusion.contains { $0[c] > 0 } }
        return present.isEmpty ? 0 : present.map(f1).reduce(0, +) / Double(present.count)
    }
}
