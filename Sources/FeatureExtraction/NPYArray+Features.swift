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

extension NPYArray {
    /// The array of `feature` (of `kind`) as ``StoredPrecision`` `precision` stores it: the
    /// `<f4`/`<c8` array above, or `<f2` `[rows, frames]` (complex: `[rows, frames, 2]`).
    init(_ feature: SpectralFeature, kind: FeatureKind, precision: StoredPrecision) throws(FeatureError) {
        guard precision.applied(to: kind) == .float16 else {
            self.init(feature)
            return
        }
        do {
            switch feature {
            case .real(let v): try self.init(shape: [v.rowCount, v.frameCount], float16Rounding: v.values)
            case .complex(let v):
                try self.init(shape: [v.frequencyCount, v.frameCount, 2], float16Rounding: v.interleaved)
            }
        } catch {
            guard case .unsupported(let reason) = error else {
                throw .beyondHalfRange(feature: kind.rawValue, reason: "\(error)")
            }
            throw .beyondHalfRange(feature: kind.rawValue, reason: reason)
        }
    }
}

extension FeatureMatrix {
    /// The matrix of a 2-D real or `complex64` NumPy array read from `name`, or of a
    /// `[rows, frames, 2]` `float16` one (complex, as ``StoredPrecision/float16`` stores it).
    public init(_ array: NPYArray, name: String) throws(FeatureError) {
        let halfComplex = array.dtype == .float16 && array.shape.count == 3 && array.shape[2] == 2
        guard array.shape.count == 2 || halfComplex else {
            throw .notAMatrix(path: name, reason: "expected a [rows, frames] array, found shape \(array.shape)")
        }
        let (rows, frames) = (array.shape[0], array.shape[1])
        do {
            if halfComplex {
                self.init(rows: rows, frames: frames, interleaved: try array.floats())
            } else if array.dtype == .complex64 {
                self.init(rows: rows, frames: frames, interleaved: try array.complexInterleaved())
            } else {
                self.init(rows: rows, frames: frames, real: try array.floats())
            }
        } catch {
            throw .notAMatrix(path: name, reason: "\(error)")
        }
    }
}
