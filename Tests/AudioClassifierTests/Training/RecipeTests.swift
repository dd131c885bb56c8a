import ComplexNN
import Foundation
import Testing

@testable import Models
@testable import Training

@Suite struct SpectralMaskingTests {
    /// Two row spans and two frame spans of at most the configured widths become 0; every other
    /// value is untouched; the same seed masks the same way.
    @Test func masksAreBoundedSeededAndLeaveTheRestAlone() {
        let (rows, frames) = (8, 20)
        let original = (0..<rows * frames).map { Float($0 + 1) }
        let augmentation = Augmentation(timeMaskFrames: 5, frequencyMaskRows: 2)
        var maskedSomething = false
        for seed: UInt64 in 0..<50 {
            var real = original[...], imaginary: ArraySlice<Float>? = original.map { -$0 }[...]
            var random = SeededGenerator(seed: seed), again = SeededGenerator(seed: seed)
            augmentation.mask(real: &real, imaginary: &imaginary, rows: rows, using: &random)
            var repeated = original[...], none: ArraySlice<Float>? = nil
            augmentation.mask(real: &repeated, imaginary: &none, rows: rows, using: &again)
            #expect(Array(repeated) == Array(real), "seed \(seed) reproduces")
            let zeroRows = (0..<rows).filter { r in (0..<frames).allSatisfy { real[r * frames + $0] == 0 } }
            let zeroFrames = (0..<frames).filter { t in (0..<rows).allSatisfy { real[$0 * frames + t] == 0 } }
            #expect(zeroRows.count <= 4 && zeroFrames.count <= 10)
            for i in 0..<rows * frames where real[i] != 0 {
                #expect(real[i] == original[i] && imaginary![i] == -original[i])
            }
            for i in 0..<rows * frames where real[i] == 0 {
                #expect(zeroRows.contains(i / frames) || zeroFrames.contains(i % frames))
                #expect(imaginary![i] == 0, "both planes masked together")
            }
            maskedSomething = maskedSomething || !zeroRows.isEmpty || !zeroFrames.isEmpty
        }
        #expect(maskedSomething)
    }
}

@Suite struct MixupTests {
    /// Beta(α, α) has mean 1/2 and variance 1/(4(2α + 1)): 4000 draws estimate both.
    @Test func lambdaFollowsBetaAlphaAlpha() {
        for alpha: Float in [0.2, 1, 4] {
            var random = SeededGenerator(seed: 11)
            let draws = (0..<4000).map { _ in Mixup.beta(alpha, using: &random) }
            #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
            let mean = draws.reduce(0, +) / Float(draws.count)
            let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(draws.count)
            #expect(abs(mean - 0.5) < 0.02, "α \(alpha): mean \(mean)")
            #expect(abs(variance - 1 / (4 * (2 * alpha + 1))) < 0.01, "α \(alpha): variance \(variance)")
        }
    }

    /// The batch becomes λ·x + (1 − λ)·x[π] on both planes; the labels are kept and the targets
    /// mix them with the same λ (rows sum to 1).
    @Test func batchAndTargetsMixWithOneLambda() {
        let batch = Tensor(shape: [3, 1, 1, 2], real: [1, 2, 3, 4, 5, 6], imaginary: [0, 1, 0, 1, 0, 1])
        var random = SeededGenerator(seed: 4)
        let (mixed, pairing) = Mixup(alpha: 0.4).mix(batch, labels: [0, 1, 2], using: &random)
        let λ = pairing.lambda
        for n in 0..<3 {
            let p = pairing.partners[n]  // labels are 0, 1, 2: the partner's label is its index
            for i in 0..<2 {
                #expect(
                    abs(mixed.real[n * 2 + i] - (λ * batch.real[n * 2 + i] + (1 - λ) * batch.real[p * 2 + i])) < 1e-6)
                #expect(abs(mixed.imaginary![n * 2 + i] - (λ * Float(i) + (1 - λ) * Float(i))) < 1e-6)
            }
        }
        let logits = Tensor(shape: [3, 3], real: [Float](repeating: 0, count: 9))
        let targets = BatchTargets(labels: [0, 1, 2], mixed: pairing)
        // Uniform logits: the loss is log 3 whatever the (normalised) targets.
        #expect(abs(targets.loss(logits, samples: 0..<3).item - log(3)) < 1e-6)
    }
}

@Suite struct ClassWeightingTests {
    /// scikit-learn's "balanced": n / (classes · n_c).
    @Test func balancedWeightsAreInverseFrequencies() {
        let weights = ClassWeighting.balanced.weights(labels: [0, 0, 0, 1, 2, 2], classes: 4)
        #expect(weights == [6.0 / 12, 6.0 / 4, 6.0 / 8, 0] as [Float])
        #expect(ClassWeighting.none.weights(labels: [0, 1], classes: 2) == nil)
    }
}
