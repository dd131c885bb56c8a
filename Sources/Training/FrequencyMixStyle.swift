import ComplexNN
import Foundation

/// Frequency-wise MixStyle (Zhou et al. 2021, applied per frequency row as in Schmid et al.'s
/// DCASE recipes for unseen recording devices): with probability `probability` per batch, each
/// segment's rows are re-styled with statistics mixed from a partner segment. For segment n and
/// row f, μ and σ are the mean and standard deviation over the frames (σ² + ε under the root,
/// ε = 10⁻⁶; for complex rows μ per plane and σ² the mean |z − μ|²); with λ_n ~ Beta(α, α),
/// α = ``alpha``, and a partner π(n) from a shuffle of the batch,
/// x ← (x − μ)/σ · (λσ + (1 − λ)σ_π) + λμ + (1 − λ)μ_π.
/// The row's pattern over time is kept and its level and spread move towards another
/// recording's, as a different recording chain would move them; labels are kept.
struct FrequencyMixStyle {
    /// Chance (0…1] that a batch is re-styled.
    let probability: Float
    /// Beta(α, α) parameter of the mixing weights (0.3, the DCASE recipes' value).
    static let alpha: Float = 0.3
    static let epsilon: Float = 1e-6

    /// The batch `[N, C, rows, frames]`, re-styled or not; draws the coin, then each λ_n, then π.
    func apply(_ batch: Tensor, using random: inout SeededGenerator) -> Tensor {
        guard batch.shape.count == 4, random.nextUniform() < probability else { return batch }
        let count = batch.shape[0]
        let lambdas = (0..<count).map { _ in Mixup.beta(Self.alpha, using: &random) }
        let partners = Array(0..<count).shuffled(using: &random)
        return Self.mix(batch, lambdas: lambdas, partners: partners)
    }

    /// The re-styling for given weights and partners (one of each per segment).
    static func mix(_ batch: Tensor, lambdas: [Float], partners: [Int]) -> Tensor {
        let frames = batch.shape[3], rows = batch.count / max(frames, 1)  // N·C·rows rows of `frames`
        let perSegment = rows / max(batch.shape[0], 1)
        let stats = (0..<rows).map { statistics(batch, row: $0, frames: frames) }
        var real = batch.real, imaginary = batch.imaginary
        for row in 0..<rows {
            let n = row / perSegment, λ = lambdas[n]
            let own = stats[row], other = stats[partners[n] * perSegment + row % perSegment]
            let scale = (λ * own.sd + (1 - λ) * other.sd) / own.sd
            let meanReal = λ * own.mean.real + (1 - λ) * other.mean.real
            let meanImaginary = λ * own.mean.imaginary + (1 - λ) * other.mean.imaginary
            for i in row * frames..<(row + 1) * frames {
                real[i] = (real[i] - own.mean.real) * scale + meanReal
                if imaginary != nil { imaginary![i] = (imaginary![i] - own.mean.imaginary) * scale + meanImaginary }
            }
        }
        return Tensor(shape: batch.shape, real: real, imaginary: imaginary)
    }

    /// Mean (per plane) and √(mean |x − μ|² + ε) of one row of `frames` values.
    private static func statistics(_ batch: Tensor, row: Int, frames: Int) -> (
        mean: (real: Float, imaginary: Float), sd: Float
    ) {
        let range = row * frames..<(row + 1) * frames
        func mean(_ plane: [Float]?) -> Float {
            guard let plane else { return 0 }
            return plane[range].reduce(0, +) / Float(frames)
        }
        let (mr, mi) = (mean(batch.real), mean(batch.imaginary))
        var variance = batch.real[range].reduce(0) { $0 + ($1 - mr) * ($1 - mr) }
        if let imaginary = batch.imaginary { variance += imaginary[range].reduce(0) { $0 + ($1 - mi) * ($1 - mi) } }
        return ((mr, mi), (variance / Float(frames) + epsilon).squareRoot())
    }
}
