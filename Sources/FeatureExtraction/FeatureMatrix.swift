import ClassifierSupport

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

    /// The planes of a complex matrix given as `2 · rows · frames` interleaved (re, im) pairs.
    init(rows: Int, frames: Int, interleaved pairs: [Float]) {
        precondition(pairs.count == 2 * rows * frames, "feature matrix size")
        let count = rows * frames
        var real = [Float](repeating: 0, count: count), imaginary = [Float](repeating: 0, count: count)
        for i in 0..<count {
            real[i] = pairs[2 * i]
            imaginary[i] = pairs[2 * i + 1]
        }
        self.init(rows: rows, frames: frames, real: real, imaginary: imaginary)
    }

    /// The planes of a computed feature (a real one shares its buffer).
    public init(_ feature: SpectralFeature) {
        switch feature {
        case .real(let values):
            self.init(rows: values.rowCount, frames: values.frameCount, real: values.values)
        case .complex(let values):
            self.init(rows: values.frequencyCount, frames: values.frameCount, interleaved: values.interleaved)
        }
    }

    public var isComplex: Bool { imaginary != nil }
}
