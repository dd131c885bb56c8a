import Foundation

/// The orthonormal DCT-II along the rows of a feature matrix, keeping the first `outputCount`
/// coefficients — `scipy.fft.dct(x, type=2, norm="ortho", axis=-2)[:outputCount]`:
/// `y[k] = s(k) · Σₙ x[n]·cos(πk(2n + 1) / 2N)` with `s(0) = √(1/N)`, `s(k) = √(2/N)`.
///
/// Computed as a cached `[outputCount, N]` matrix applied row by row. For MFCCs (N = 128 → 20
/// outputs, release build) it measured 0.38 µs/frame, against 0.46–0.81 µs/frame for an FFTW
/// `REDFT10` plan of 128 points alone — before the transposes into and out of frame-major
/// columns that the FFTW route would also need.
public struct DiscreteCosineTransform: Sendable, Equatable {
    /// Rows in (N).
    public let inputCount: Int
    /// Coefficients kept (≤ N).
    public let outputCount: Int
    let matrix: BandedMatrix

    /// Throws for `inputCount ≤ 0`, `outputCount ≤ 0` or `outputCount > inputCount`.
    public init(inputCount: Int, outputCount: Int? = nil) throws {
        try requirePositive(inputCount, "inputCount")
        let outputCount = outputCount ?? inputCount
        try requirePositive(outputCount, "outputCount")
        guard outputCount <= inputCount else {
            throw SpectralError.invalidParameter("outputCount=\(outputCount) must be at most inputCount=\(inputCount)")
        }
        self.inputCount = inputCount
        self.outputCount = outputCount
        let n = Double(inputCount)
        matrix = BandedMatrix(
            inputCount: inputCount,
            bands: (0..<outputCount).map { k in
                let scale = (k == 0 ? 1 / n : 2 / n).squareRoot()
                let weights = (0..<inputCount).map { i in
                    Float(scale * cos(Double.pi * Double(k) * Double(2 * i + 1) / (2 * n)))
                }
                return BandedMatrix.Band(start: 0, weights: weights)
            })
    }

    /// The DCT matrix `[outputCount, inputCount]` (its rows are orthonormal).
    public var weights: Spectrogram {
        Spectrogram(rowCount: outputCount, frameCount: inputCount, values: matrix.dense)
    }

    /// The transform of every column of `input` (`[inputCount, frames]` → `[outputCount, frames]`).
    /// Throws when `input` does not have `inputCount` rows.
    public func callAsFunction(_ input: Spectrogram) throws -> Spectrogram {
        guard input.rowCount == inputCount else {
            throw SpectralError.invalidParameter(
                "input has \(input.rowCount) rows; the DCT expects inputCount=\(inputCount)")
        }
        return Spectrogram(
            rowCount: outputCount, frameCount: input.frameCount,
            values: matrix.apply(input.values, rowLength: input.frameCount))
    }
}
