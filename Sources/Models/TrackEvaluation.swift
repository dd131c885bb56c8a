/// Segment-level and track-level metrics of a model on a ``SegmentSet``. A track's prediction is
/// either the most frequent segment prediction (majority vote; ties go to the class with the
/// higher mean probability) or the class of the highest mean probability over its segments.
public struct TrackEvaluation: Codable, Sendable {
    public let labels: [String]
    public let segments: MetricsSummary
    public let tracksByMajority: MetricsSummary
    public let tracksByMeanProbability: MetricsSummary
    /// Mean cross-entropy over segments.
    public let segmentLoss: Double

    /// Metrics from the per-segment probabilities of `set`.
    public init(labels: [String], set: SegmentSet, probabilities: [[Float]]) {
        let classes = labels.count
        self.labels = labels
        let segmentPredictions = probabilities.map(SegmentClassifier.argmax)
        segments = MetricsSummary(
            ClassificationMetrics(truth: set.segmentLabels, predicted: segmentPredictions, classCount: classes),
            labels: labels)
        segmentLoss = SegmentClassifier.meanLoss(probabilities, labels: set.segmentLabels)
        var votes = [[Int]](repeating: [Int](repeating: 0, count: classes), count: set.tracks.count)
        var sums = [[Float]](repeating: [Float](repeating: 0, count: classes), count: set.tracks.count)
        for (segment, (p, predicted)) in zip(set.segments, zip(probabilities, segmentPredictions)) {
            votes[segment.track][predicted] += 1
            for c in 0..<classes { sums[segment.track][c] += p[c] }
        }
        let byMean = sums.map(SegmentClassifier.argmax)
        let byMajority = votes.indices.map { t in
            let top = votes[t].max()!
            return (0..<classes).filter { votes[t][$0] == top }.max { sums[t][$0] < sums[t][$1] }!
        }
        tracksByMajority = MetricsSummary(
            ClassificationMetrics(truth: set.labels, predicted: byMajority, classCount: classes), labels: labels)
        tracksByMeanProbability = MetricsSummary(
            ClassificationMetrics(truth: set.labels, predicted: byMean, classCount: classes), labels: labels)
    }
}
