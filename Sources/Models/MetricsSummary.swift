/// ``ClassificationMetrics`` with its derived numbers spelled out, for JSON output and
/// `model.json`: accuracy, macro-F1, per-class precision/recall/F1/support and the confusion
/// matrix (`confusion[truth][predicted]`).
public struct MetricsSummary: Codable, Sendable, Equatable {
    public struct ClassScores: Codable, Sendable, Equatable {
        public let label: String
        public let precision: Double, recall: Double, f1: Double
        /// Samples of this class in the truth.
        public let support: Int
    }

    public let accuracy: Double
    public let macroF1: Double
    public let perClass: [ClassScores]
    public let confusion: [[Int]]

    public init(_ metrics: ClassificationMetrics, labels: [String]) {
        accuracy = metrics.accuracy
        macroF1 = metrics.macroF1
        perClass = labels.enumerated().map { c, label in
            ClassScores(
                label: label, precision: metrics.precision(c), recall: metrics.recall(c), f1: metrics.f1(c),
                support: metrics.confusion[c].reduce(0, +))
        }
        confusion = metrics.confusion
    }

    /// The number of samples.
    public var total: Int { confusion.joined().reduce(0, +) }
}
