import ClassifierSupport
import FeatureExtraction

/// Per-row (per coefficient / frequency band) standardisation: x ↦ (x − μ_row) / σ_row with μ the
/// (complex) mean and σ² = E|x − μ|² over every frame of every training track (never validation
/// or test). σ below 1e-6 is taken as 1 (a constant row is only centred).
public struct FeatureNormalization: Codable, Sendable, Equatable {
    public var mean: [Float]
    /// Imaginary part of the mean; `nil` for a real feature.
    public var meanImaginary: [Float]?
    public var standardDeviation: [Float]

    /// Statistics of `matrices` (equal row counts), accumulated in Double.
    public init(fitting matrices: [FeatureMatrix]) {
        precondition(!matrices.isEmpty, "no training tracks to fit the normalisation on")
        let rows = matrices[0].rows, complex = matrices[0].isComplex
        var sum = [Double](repeating: 0, count: rows), sumImaginary = sum, sumSquares = sum, count = 0.0
        for matrix in matrices {
            precondition(matrix.rows == rows && matrix.isComplex == complex, "feature rows differ between tracks")
            count += Double(matrix.frames)
            for r in 0..<rows {
                for i in r * matrix.frames..<(r + 1) * matrix.frames {
                    let (x, y) = (Double(matrix.real[i]), Double(matrix.imaginary?[i] ?? 0))
                    sum[r] += x
                    sumImaginary[r] += y
                    sumSquares[r] += x * x + y * y
                }
            }
        }
        let n = max(count, 1)
        mean = sum.map { Float($0 / n) }
        meanImaginary = complex ? sumImaginary.map { Float($0 / n) } : nil
        standardDeviation = (0..<rows).map { r in
            let (mx, my) = (sum[r] / n, sumImaginary[r] / n)
            let sigma = max(sumSquares[r] / n - mx * mx - my * my, 0).squareRoot()
            return sigma < 1e-6 ? 1 : Float(sigma)
        }
    }

    /// `matrix` standardised; its row count and kind must match the statistics.
    public func apply(to matrix: FeatureMatrix) throws(FeatureError) -> FeatureMatrix {
        guard matrix.rows == mean.count, matrix.isComplex == (meanImaginary != nil) else {
            throw .rowMismatch(
                rows: matrix.rows, complex: matrix.isComplex, expectedRows: mean.count,
                expectedComplex: meanImaginary != nil)
        }
        var result = matrix
        for r in 0..<matrix.rows {
            let scale = 1 / standardDeviation[r]
            for i in r * matrix.frames..<(r + 1) * matrix.frames {
                result.real[i] = (matrix.real[i] - mean[r]) * scale
                if let meanImaginary { result.imaginary![i] = (matrix.imaginary![i] - meanImaginary[r]) * scale }
            }
        }
        return result
    }
}
