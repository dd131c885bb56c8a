import Spectral

/// One feature of one track in memory, `[rows, frames]` row-major, in the layout Spectral
/// computed it in: a real matrix, or a complex one as interleaved (re, im) pairs. That is byte for
/// byte the `<f4` or `<c8` array the feature store writes, so storing it copies nothing;
/// ``FeatureMatrix/init(_:)`` splits it into the planes the models read.
public enum SpectralFeature: Sendable, Equatable {
    /// A real feature (`<f4`): magnitudes, dB, coefficients, phases.
    case real(Spectrogram)
    /// A complex feature (`<c8`), as interleaved (re, im) pairs.
    case complex(ComplexSpectrogram)

    /// Rows: frequency bins, mel bands or coefficients.
    public var rows: Int {
        switch self {
        case .real(let values): values.rowCount
        case .complex(let values): values.frequencyCount
        }
    }

    /// Frames (columns).
    public var frames: Int {
        switch self {
        case .real(let values): values.frameCount
        case .complex(let values): values.frameCount
        }
    }

    /// `[rows, frames]`, as the feature index records it.
    public var shape: [Int] { [rows, frames] }

    /// Whether it is a ``complex(_:)`` feature.
    public var isComplex: Bool {
        if case .complex = self { true } else { false }
    }

    /// Whether every value (both parts of complex ones) is finite.
    public var isFinite: Bool {
        switch self {
        case .real(let values): values.isFinite
        case .complex(let values): values.isFinite
        }
    }
}
