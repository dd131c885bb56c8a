import NumPyIO
import Spectral

/// The disk boundary of features: what the feature store writes and the cache reads back.

extension NPYArray {
    /// The `<f4` or `<c8` array `[rows, frames]` of `feature`, sharing its buffer.
    init(_ feature: SpectralFeature) {
        switch feature {
        case .real(let values): self.init(shape: [values.rowCount, values.frameCount], float32: values.values)
        case .complex(let values):
            self.init(shape: [values.frequencyCount, values.frameCount], complex64Interleaved: values.interleaved)
        }
    }
}

extension FeatureMatrix {
    /// The matrix of a 2-D `float32` or `complex64` NumPy array read from `name`.
    public init(_ array: NPYArray, name: String) throws(FeatureError) {
        guard array.shape.count == 2 else {
            throw .notAMatrix(path: name, reason: "expected a [rows, frames] array, found shape \(array.shape)")
        }
        let (rows, frames) = (array.shape[0], array.shape[1])
        do {
            if array.dtype == .complex64 {
                self.init(rows: rows, frames: frames, interleaved: try array.complexInterleaved())
            } else {
                self.init(rows: rows, frames: frames, real: try array.floats())
            }
        } catch {
            throw .notAMatrix(path: name, reason: "\(error)")
        }
    }
}
