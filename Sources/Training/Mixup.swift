import ComplexNN
import Foundation

/// Mixup (Zhang et al. 2018): a batch x mixed with a shuffled copy of itself, λ·x + (1 − λ)·x[π],
/// one λ ~ Beta(α, α) per batch; the targets mix the same way (``BatchTargets/mixed``).
struct Mixup {
    let alpha: Float

    /// The mixed batch and the targets' partners and λ; draws λ, then π, from `random`.
    func mix(_ batch: Tensor, labels: [Int], using random: inout SeededGenerator) -> (
        batch: Tensor, mixed: (partners: [Int], lambda: Float)
    ) {
        let lambda = Self.beta(alpha, using: &random)
        let partners = Array(labels.indices).shuffled(using: &random)
        let size = batch.count / max(labels.count, 1)
        func mixed(_ plane: [Float]) -> [Float] {
            var result = plane
            for (n, p) in partners.enumerated() {
                for i in 0..<size {
                    result[n * size + i] = lambda * plane[n * size + i] + (1 - lambda) * plane[p * size + i]
                }
            }
            return result
        }
        return (
            Tensor(shape: batch.shape, real: mixed(batch.real), imaginary: batch.imaginary.map(mixed)),
            (partners.map { labels[$0] }, lambda)
        )
    }

    /// A Beta(a, a) sample: X / (X + Y) of two Gamma(a, 1) samples.
    static func beta(_ a: Float, using random: inout SeededGenerator) -> Float {
        let x = gamma(a, using: &random), y = gamma(a, using: &random)
        return x + y > 0 ? x / (x + y) : 0.5
    }

    /// A Gamma(a, 1) sample (Marsaglia & Tsang 2000; for a < 1, Gamma(a + 1)·U^(1/a)).
    static func gamma(_ a: Float, using random: inout SeededGenerator) -> Float {
        guard a >= 1 else { return gamma(a + 1, using: &random) * Foundation.pow(random.nextUniform(), 1 / a) }
        let d = a - 1 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = random.nextNormal(), v = Foundation.pow(1 + c * x, 3)
            guard v > 0 else { continue }
            if Foundation.log(random.nextUniform()) < x * x / 2 + d - d * v + d * Foundation.log(v) { return d * v }
        }
    }
}
