import FeatureExtraction
import Foundation

/// How unlike the training data an input is: the distance of its feature statistics from those
/// of the training tracks of the nearest class, with a threshold calibrated on held-out tracks.
///
/// A track's statistics are, per row of its standardised feature matrix, the mean (real and,
/// for a complex feature, imaginary part) and the standard deviation √E|x − μ|² over its frames.
/// Per class, their mean m and variance σ² over the class's training tracks are stored (σ²
/// floored at 0.01 in standardised units). A track's score is, for the nearest class, the root
/// mean square over those d numbers of (s − m) / σ (a diagonal Mahalanobis distance; a typical
/// track of the class scores about 1). The threshold is the 99th percentile (linear
/// interpolation) of held-out scores: those of the validation tracks and, so that small
/// datasets calibrate too, of each training track against its class without it (leave one out).
public struct OutOfDistributionModel: Codable, Sendable, Equatable {
    /// One class's statistics.
    public struct ClassStatistics: Codable, Sendable, Equatable {
        public var mean: [Float]
        public var variance: [Float]

        init(_ vectors: [[Float]]) {
            let count = Float(max(vectors.count, 1))
            let mean = vectors[0].indices.map { d in vectors.reduce(0) { $0 + $1[d] } / count }
            variance = mean.indices.map { d in vectors.reduce(0) { $0 + ($1[d] - mean[d]) * ($1[d] - mean[d]) } / count
            }
            self.mean = mean
        }

        func score(_ s: [Float]) -> Double {
            guard s.count == mean.count, !s.isEmpty else { return .infinity }
            let sum = s.indices.reduce(0.0) { total, d in
                let z = Double(s[d] - mean[d]) / Double(max(variance[d], 0.01)).squareRoot()
                return total + z * z
            }
            return (sum / Double(s.count)).squareRoot()
        }
    }

    /// Per class of the bundle (in label order; empty statistics for a class without tracks).
    public var classes: [ClassStatistics]
    /// Scores above this are flagged as unlike the training data.
    public var threshold: Double
    /// How the threshold was chosen, e.g. `99th percentile of 3 validation and 15 leave-one-out training scores`.
    public var calibration: String

    /// Fits the statistics on `training` (standardised matrices with their class indices) and
    /// calibrates the threshold on `validation` and leave-one-out training scores.
    public init(training: [FeatureMatrix], labels: [Int], validation: [FeatureMatrix]) {
        precondition(!training.isEmpty && training.count == labels.count, "training tracks with their labels")
        let vectors = training.map(Self.statistics)
        let classCount = (labels.max() ?? 0) + 1
        let members = (0..<classCount).map { c in labels.indices.filter { labels[$0] == c } }
        classes = members.map { ClassStatistics($0.isEmpty ? [vectors[0]] : $0.map { vectors[$0] }) }
        threshold = 0
        calibration = ""
        var heldOut = validation.map(score)
        for (i, c) in labels.enumerated() where members[c].count >= 3 {
            var leftOut = classes
            leftOut[c] = ClassStatistics(members[c].filter { $0 != i }.map { vectors[$0] })
            heldOut.append(leftOut.map { $0.score(vectors[i]) }.min()!)
        }
        threshold = Self.percentile(heldOut, 0.99)
        calibration =
            "99th percentile of \(validation.count) validation and \(heldOut.count - validation.count) leave-one-out training scores"
    }

    /// The distance of a standardised matrix's statistics from the nearest class's training tracks.
    public func score(_ matrix: FeatureMatrix) -> Double {
        let s = Self.statistics(matrix)
        return classes.map { $0.score(s) }.min() ?? .infinity
    }

    /// Whether `score` is beyond the threshold.
    public func isUnlike(score: Double) -> Bool { score > threshold }

    /// Per row: mean (real, and imaginary for a complex matrix) and standard deviation.
    static func statistics(_ m: FeatureMatrix) -> [Float] {
        var result: [Float] = []
        let n = Double(max(m.frames, 1))
        for r in 0..<m.rows {
            let range = r * m.frames..<(r + 1) * m.frames
            let meanReal = m.real[range].reduce(0.0) { $0 + Double($1) } / n
            let meanImaginary = m.imaginary.map { planes in planes[range].reduce(0.0) { $0 + Double($1) } / n } ?? 0
            let variance =
                range.reduce(0.0) { total, i in
                    let x = Double(m.real[i]) - meanReal, y = Double(m.imaginary?[i] ?? 0) - meanImaginary
                    return total + x * x + y * y
                } / n
            result.append(Float(meanReal))
            if m.isComplex { result.append(Float(meanImaginary)) }
            result.append(Float(variance.squareRoot()))
        }
        return result
    }

    /// The `q` quantile of `values` with linear interpolation (NumPy's default); 0 when empty.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
