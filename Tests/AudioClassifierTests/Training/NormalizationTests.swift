import Testing

@testable import ClassifierSupport
@testable import FeatureExtraction
@testable import Models

@Suite struct FeatureNormalizationTests {
    @Test func trainingRowsBecomeZeroMeanUnitVariance() throws {
        let a = FeatureMatrix(rows: 2, frames: 3, real: [1, 2, 3, 100, 100, 100], imaginary: [0, 1, 0, 5, 6, 7])
        let b = FeatureMatrix(rows: 2, frames: 2, real: [4, 5, 100, 100], imaginary: [2, 0, 8, 9])
        let normalization = FeatureNormalization(fitting: [a, b])
        // Row 0: values 1…5 (mean 3), imaginary 0,1,0,2,0 (mean 0.6).
        #expect(abs(normalization.mean[0] - 3) < 1e-6 && abs(normalization.meanImaginary![0] - 0.6) < 1e-6)
        let normalised = try [a, b].map { try normalization.apply(to: $0) }
        for row in 0..<2 {
            let values = normalised.flatMap { m in
                (0..<m.frames).map { (m.real[row * m.frames + $0], m.imaginary![row * m.frames + $0]) }
            }
            let meanRe = values.reduce(0) { $0 + $1.0 } / Float(values.count),
                meanIm = values.reduce(0) { $0 + $1.1 } / Float(values.count)
            let power = values.reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 } / Float(values.count)
            #expect(abs(meanRe) < 1e-5 && abs(meanIm) < 1e-5, "row \(row) mean")
            #expect(abs(power - 1) < 1e-5, "row \(row) E|x|²")
        }
    }

    @Test func constantRowIsOnlyCentredAndMismatchedInputIsRejected() throws {
        let constant = FeatureMatrix(rows: 1, frames: 3, real: [2, 2, 2])
        let normalization = FeatureNormalization(fitting: [constant])
        #expect(normalization.standardDeviation == [1])
        #expect(try normalization.apply(to: constant).real == [0, 0, 0])
        #expect(
            throws: FeatureError.rowMismatch(rows: 2, complex: false, expectedRows: 1, expectedComplex: false)
        ) {
            try normalization.apply(to: FeatureMatrix(rows: 2, frames: 1, real: [1, 2]))
        }
        #expect(throws: FeatureError.self) {
            try normalization.apply(to: FeatureMatrix(rows: 1, frames: 1, real: [1], imaginary: [0]))
        }
    }
}
