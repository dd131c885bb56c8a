import ClassifierSupport
import NumPyIO

/// One track's feature array, `[rows, frames]` row-major, as split real/imaginary planes.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int, frames: Int
    public var real: [Float]
    /// `nil` for a real feature.
    public var imaginary: [Float]?

    public init(rows: Int, frames: Int, real: [Float], imaginary: [Float]? = nil) {
        precondition(
            real.count == rows * frames && (imaginary?.count ?? real.count) == real.count, "feature matrix size")
        (self.rows, self.frames, self.real, self.imaginary) = (rows, frames, real, imaginary)
    }

    /// The matrix of a 2-D `float32` or `complex64` NumPy array.
    public init(_ array: NPYArray, name: String) throws(FeatureError) {
        guard array.shape.count == 2 else {
            throw .notAMatrix(path: name, reason: "expected a [rows, frames] array, found shape \(array.shape)")
        }
        let (rows, frames) = (array.shape[0], array.shape[1])
        do {
            if array.dtype == .complex64 {
                let pairs = try array.complexInterleaved()
                self.init(
                    rows: rows, frames: frames, real: stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] },
                    imaginary: stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] })
            } else {
                self.init(rows: rows, frames: frames, real: try array.floats())
            }
        } catch {
            throw .notAMatrix(path: name, reason: "\(error)")
        }
    }

    public var isComplex: Bool { imaginary != nil }
}
