import ComplexNN
import Foundation
import Testing

@testable import ClassifierSupport
@testable import Models
@testable import Training

@Suite struct FrequencyMixStyleTests {
    /// 3 segments × 2 rows × 8 frames of distinct levels and spreads, on both planes when complex.
    private func batch(complex: Bool) -> Tensor {
        var random = SeededGenerator(seed: 9)
        let real: [Float] = (0..<48).map { i in
            let (level, spread) = (Float(i / 8) * 2 - 3, Float(1 + i / 16))
            return level + spread * random.nextNormal()
        }
        let imaginary: [Float]? = complex ? (0..<48).map { _ in 0.5 * random.nextNormal() } : nil
        return Tensor(shape: [3, 1, 2, 8], real: real, imaginary: imaginary)
    }

    private func rowStatistics(_ t: Tensor, _ row: Int) -> (mean: Float, imaginaryMean: Float, sd: Float) {
        let values = Array(t.real[row * 8..<(row + 1) * 8]),
            imaginary = t.imaginary.map { Array($0[row * 8..<(row + 1) * 8]) }
        let mean = values.reduce(0, +) / 8, imaginaryMean = (imaginary?.reduce(0, +) ?? 0) / 8
        let variance =
            values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            + (imaginary?.reduce(0) { $0 + ($1 - imaginaryMean) * ($1 - imaginaryMean) } ?? 0)
        return (mean, imaginaryMean, (variance / 8).squareRoot())
    }

    /// Each row ends with the mixed mean λμ + (1 − λ)μ_π and spread λσ + (1 − λ)σ_π (up to ε),
    /// its pattern over time unchanged (an affine map with a positive slope); λ = 1 leaves the
    /// batch as it was.
    @Test func rowsTakeTheMixedStatisticsAndKeepTheirShape() {
        for complex in [false, true] {
            let input = batch(complex: complex)
            let (lambdas, partners): ([Float], [Int]) = ([0.25, 1, 0.6], [2, 0, 1])
            let output = FrequencyMixStyle.mix(input, lambdas: lambdas, partners: partners)
            for row in 0..<6 {
                let n = row / 2, λ = lambdas[n], partnerRow = partners[n] * 2 + row % 2
                let (own, other, got) = (
                    rowStatistics(input, row), rowStatistics(input, partnerRow), rowStatistics(output, row)
                )
                #expect(abs(got.mean - (λ * own.mean + (1 - λ) * other.mean)) < 1e-4, "complex \(complex) row \(row)")
                #expect(abs(got.imaginaryMean - (λ * own.imaginaryMean + (1 - λ) * other.imaginaryMean)) < 1e-4)
                #expect(abs(got.sd - (λ * own.sd + (1 - λ) * other.sd)) < 1e-4 * max(1, got.sd))
                let slope = got.sd / own.sd
                for t in 0..<8 {
                    let i = row * 8 + t
                    #expect(abs((output.real[i] - got.mean) - slope * (input.real[i] - own.mean)) < 1e-4)
                }
            }
            for i in 16..<32 { #expect(abs(output.real[i] - input.real[i]) < 1e-5, "λ = 1: segment 1 unchanged") }
        }
    }

    /// A constant row (σ = 0) takes the partner's mean and no NaN.
    @Test func constantRowsStayFinite() {
        let input = Tensor(shape: [2, 1, 1, 4], real: [5, 5, 5, 5, 0, 1, 2, 3])
        let output = FrequencyMixStyle.mix(input, lambdas: [0.5, 0.5], partners: [1, 0])
        #expect(output.real.allSatisfy { $0.isFinite })
        #expect(abs(output.real[0] - 3.25) < 1e-5, "0.5·5 + 0.5·1.5, no spread to scale")
    }

    /// Seeded (the same seed re-styles the same way), applied to about P of the batches, and a
    /// batch it skips is returned as it came.
    @Test func seededAndAppliedWithItsProbability() {
        let input = batch(complex: false), style = FrequencyMixStyle(probability: 0.3)
        var a = SeededGenerator(seed: 2), b = SeededGenerator(seed: 2)
        #expect(style.apply(input, using: &a).real == style.apply(input, using: &b).real)
        var random = SeededGenerator(seed: 5)
        let changed = (0..<1000).filter { _ in style.apply(input, using: &random).real != input.real }.count
        #expect((240...360).contains(changed), "\(changed) of 1000 batches at P = 0.3")
    }

    @Test func probabilityIsChecked() throws {
        var c = TrainingConfiguration()
        for bad: Float in [0, -0.5, 1.5, .nan] {
            c.augmentation.mixStyleProbability = bad
            let error = #expect(throws: ConfigurationError.self) { try c.validate() }
            #expect(error?.key == "mix_style")
        }
        c.augmentation.mixStyleProbability = 1
        try c.validate()
    }
}
