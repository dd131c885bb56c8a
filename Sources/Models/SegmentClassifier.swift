import ComplexNN
import Foundation

/// Runs a model over segments in evaluation mode, without gradients, in batches.
public enum SegmentClassifier {
    /// Class probabilities (softmax of the logits) of every segment of `set`, `[segment][class]`.
    public static func probabilities(_ model: any Module, _ set: SegmentSet, batchSize: Int = 64) -> [[Float]] {
        model.eval()
        var random = SeededGenerator(seed: 0)
        var result: [[Float]] = []
        result.reserveCapacity(set.segments.count)
        GradientMode.withoutGradients {
            for start in stride(from: 0, to: set.segments.count, by: batchSize) {
                let indices = Array(start..<min(start + batchSize, set.segments.count))
                let logits = model(set.batch(indices, random: &random))
                result += softmaxRows(logits)
            }
        }
        return result
    }

    /// An ensemble's class probabilities of every segment of `set`, `[segment][class]`: the
    /// ``mean(_:)`` of each member's ``probabilities(_:_:batchSize:)`` (those of a single member
    /// exactly).
    public static func ensembleProbabilities(_ members: [any Module], _ set: SegmentSet, batchSize: Int = 64)
        -> [[Float]]
    {
        mean(members.map { probabilities($0, set, batchSize: batchSize) })
    }

    /// The element-wise mean of the members' `[segment][class]` probabilities (summed in member
    /// order, then divided by their number, like NumPy's `mean(axis=0)`); one member's unchanged.
    public static func mean(_ members: [[[Float]]]) -> [[Float]] {
        precondition(!members.isEmpty, "an ensemble has members")
        guard members.count > 1 else { return members[0] }
        let count = Float(members.count)
        return members[0].indices.map { segment in
            members[0][segment].indices.map { c in members.reduce(0) { $0 + $1[segment][c] } / count }
        }
    }

    /// Each track's mean over its segments of the `[segment][class]` probabilities of `set`,
    /// `[track][class]`: the track's class probabilities.
    public static func trackMeans(_ probabilities: [[Float]], _ set: SegmentSet) -> [[Float]] {
        let classes = probabilities.first?.count ?? 0
        var sums = [[Float]](repeating: [Float](repeating: 0, count: classes), count: set.tracks.count)
        var counts = [Int](repeating: 0, count: set.tracks.count)
        for (segment, p) in zip(set.segments, probabilities) {
            counts[segment.track] += 1
            for c in 0..<classes { sums[segment.track][c] += p[c] }
        }
        return zip(sums, counts).map { sum, count in sum.map { $0 / Float(max(count, 1)) } }
    }

    /// Row-wise softmax of real `[batch, classes]` logits.
    public static func softmaxRows(_ logits: Tensor) -> [[Float]] {
        let classes = logits.shape[1]
        return (0..<logits.shape[0]).map { n in
            let row = logits.real[(n * classes)..<((n + 1) * classes)]
            let top = row.max()!
            let exps = row.map { Foundation.exp($0 - top) }
            let sum = exps.reduce(0, +)
            return exps.map { $0 / sum }
        }
    }

    /// Mean cross-entropy −log p(label) of probabilities against labels (p floored at 1e-12).
    public static func meanLoss(_ probabilities: [[Float]], labels: [Int]) -> Double {
        guard !labels.isEmpty else { return 0 }
        return zip(probabilities, labels).reduce(0.0) { $0 - Foundation.log(Double(max($1.0[$1.1], 1e-12))) }
            / Double(labels.count)
    }

    /// Index of the largest value (first on ties).
    public static func argmax(_ values: [Float]) -> Int {
        values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }!
    }
}
