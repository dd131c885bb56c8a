/// A real feature matrix shaped `[rows, frames]` like librosa's (rows are frequency bins, mel
/// bands or coefficients; columns are frames), stored row-major: element (r, t) is
/// `values[r * frameCount + t]`, so `values` is exactly a C-ordered NumPy `[rows, frames]` array.
public struct Spectrogram: Sendable, Equatable {
    public let rowCount: Int
    public let frameCount: Int
    public var values: [Float]

    public init(rowCount: Int, frameCount: Int, values: [Float]) {
        precondition(
            values.count == rowCount * frameCount,
            "\(values.count) values for a \(rowCount)×\(frameCount) spectrogram")
        self.rowCount = rowCount
        self.frameCount = frameCount
        self.values = values
    }

    /// Element (row, frame).
    public subscript(row: Int, frame: Int) -> Float { values[row * frameCount + frame] }
}
