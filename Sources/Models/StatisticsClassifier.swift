import ComplexNN
import Foundation

/// The `--model linear` baseline's shape: what every comparison table shows a trivial model gets.
public struct StatisticsClassifierConfiguration: Codable, Sendable, Equatable {
    /// Rows of the input feature (MFCC coefficients or mel bands) and frames per segment.
    public var rows: Int, frames: Int
    /// Whether the input is complex (statistics of both planes).
    public var complex: Bool
    public var classes: Int
    /// Inverse L2 strength, scikit-learn's `C` (default 1): the fit minimises
    /// `C · Σᵢ CE(xᵢ) + ½‖W‖²` (bias not penalised).
    public var inverseRegularization: Double = 1

    public init(rows: Int, frames: Int, complex: Bool, classes: Int) {
        (self.rows, self.frames, self.complex, self.classes) = (rows, frames, complex, classes)
    }

    /// The length of a segment's statistics vector: mean and standard deviation over frames of
    /// every row (of both planes for a complex input).
    public var statisticsCount: Int { rows * 2 * (complex ? 2 : 1) }
}

/// Multinomial logistic regression on feature statistics — scikit-learn's
/// `StandardScaler` + `LogisticRegression` on MFCC/log-mel mean and standard deviation.
///
/// Input `[batch, 1, rows, frames]` (a segment of the standardised feature) → statistics
/// `[batch, statisticsCount]` (per row: mean over frames, then standard deviation; a complex
/// input gives those of the real plane, then of the imaginary plane) → standardised with the
/// training statistics' mean and scale (buffers `statisticsMean`, `statisticsScale`) → `Linear`
/// (`linear.weight` `[classes, statisticsCount]`, `linear.bias`) → real logits `[batch, classes]`.
/// Trained by ``fit(segments:labels:)`` to the optimum of its convex objective, not by epochs.
public final class StatisticsClassifier: Module {
    public let configuration: StatisticsClassifierConfiguration
    public let linear: Linear
    /// Standardisation of the statistics, fitted on the training segments (scale 1 where the
    /// training standard deviation is below 1e-6).
    public let statisticsMean: Tensor, statisticsScale: Tensor

    public init(_ configuration: StatisticsClassifierConfiguration, seed: UInt64) {
        self.configuration = configuration
        var generator = SeededGenerator(seed: seed)
        let count = configuration.statisticsCount
        linear = Linear(
            inputFeatures: count, outputFeatures: configuration.classes, complex: false, initializer: .glorot,
            generator: &generator)
        statisticsMean = Tensor(zeros: [count], complex: false)
        statisticsScale = Tensor(shape: [count], real: [Float](repeating: 1, count: count))
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { linear(standardized(Self.statistics(of: input))) }

    public var ownBuffers: [(name: String, tensor: Tensor)] {
        [("statisticsMean", statisticsMean), ("statisticsScale", statisticsScale)]
    }

    public var children: [(name: String, module: any Module)] { [("linear", linear)] }

    /// Per-row mean and standard deviation over frames of `input` `[batch, 1, rows, frames]`
    /// (no gradient flows to the input), `[batch, statisticsCount]`.
    public static func statistics(of input: Tensor) -> Tensor {
        precondition(input.shape.count == 4 && input.shape[1] == 1, "expects [batch, 1, rows, frames]")
        let (batch, rows, frames) = (input.shape[0], input.shape[2], input.shape[3])
        let planes = [input.real] + (input.imaginary.map { [$0] } ?? [])
        let width = rows * 2 * planes.count
        var values = [Float](repeating: 0, count: batch * width)
        for n in 0..<batch {
            for (p, plane) in planes.enumerated() {
                for r in 0..<rows {
                    let start = (n * rows + r) * frames
                    var sum = 0.0, squares = 0.0
                    for t in start..<start + frames {
                        sum += Double(plane[t])
                        squares += Double(plane[t]) * Double(plane[t])
                    }
                    let mean = sum / Double(frames)
                    let offset = n * width + p * 2 * rows
                    values[offset + r] = Float(mean)
                    values[offset + rows + r] = Float(max(squares / Double(frames) - mean * mean, 0).squareRoot())
                }
            }
        }
        return Tensor(shape: [batch, width], real: values)
    }

    /// `statistics` standardised with the fitted buffers.
    func standardized(_ statistics: Tensor) -> Tensor {
        let width = statistics.shape[1]
        var values = statistics.real
        for i in values.indices {
            values[i] = (values[i] - statisticsMean.real[i % width]) / statisticsScale.real[i % width]
        }
        return Tensor(shape: statistics.shape, real: values)
    }

    /// Fits the standardisation and the weights on `segments` `[n, 1, rows, frames]` with one
    /// class index per segment: full-batch Adam on the mean cross-entropy +
    /// `‖W‖² / (2·C·n)` (scikit-learn's objective divided by `C·n`), the step size decaying
    /// from 0.05 along a cosine over at most `iterations` steps, stopping early once every
    /// gradient entry is below 1e-6. Returns the final objective and the steps taken.
    @discardableResult
    public func fit(segments: Tensor, labels: [Int], iterations: Int = 3000) -> (loss: Float, steps: Int) {
        fit(statistics: Self.statistics(of: segments), labels: labels, iterations: iterations)
    }

    /// ``fit(segments:labels:iterations:)`` on precomputed statistics `[n, statisticsCount]`.
    @discardableResult
    public func fit(statistics: Tensor, labels: [Int], iterations: Int = 3000) -> (loss: Float, steps: Int) {
        let (n, width) = (statistics.shape[0], statistics.shape[1])
        precondition(n == labels.count && n > 0 && width == configuration.statisticsCount, "one label per row")
        for column in 0..<width {
            let values = (0..<n).map { Double(statistics.real[$0 * width + column]) }
            let mean = values.reduce(0, +) / Double(n)
            let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            statisticsMean.real[column] = Float(mean)
            statisticsScale.real[column] = deviation < 1e-6 ? 1 : Float(deviation)
        }
        let inputs = standardized(statistics)
        let penalty = Float(1 / (2 * configuration.inverseRegularization * Double(n)))
        let optimizer = Adam(parameters: linear.parameters(), learningRate: 0.05)
        let schedule = CosineSchedule(base: 0.05, totalSteps: iterations)
        var loss: Float = .infinity
        for step in 0..<iterations {
            linear.zeroGrad()
            let weight = linear.weight
            let objective = linear(inputs).crossEntropy(labels: labels) + (weight * weight).sum().scaled(by: penalty)
            objective.backward()
            loss = objective.item
            let largest = linear.parameters().flatMap(\.gradReal).map(abs).max() ?? 0
            if largest < 1e-6 { return (loss, step) }
            optimizer.learningRate = schedule.learningRate(step: step)
            optimizer.step()
        }
        return (loss, iterations)
    }
}
