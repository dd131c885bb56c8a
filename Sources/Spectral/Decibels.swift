import Foundation

/// The reference power that maps to 0 dB in ``Spectrogram/powerToDB(ref:amin:topDB:)``.
public enum DecibelReference: Sendable, Hashable {
    /// A fixed power (librosa `ref=value`; its absolute value is used).
    case value(Float)
    /// The largest element of the input (librosa `ref=np.max`).
    case maximum
}

extension Spectrogram {
    /// Power to decibels, librosa 0.11's `power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)`:
    /// `10·log10(max(amin, S)) − 10·log10(max(amin, ref))`, then, if `topDB` is given, every value
    /// is raised to at least (largest value − `topDB`). Throws for `amin ≤ 0` or `topDB < 0`.
    public func powerToDB(ref: DecibelReference = .value(1), amin: Float = 1e-10, topDB: Float? = 80) throws
        -> Spectrogram
    {
        try requireDecibelParameters(amin: amin, topDB: topDB)
        let reference: Float =
            switch ref {
            case .value(let value): abs(value)
            case .maximum: values.max() ?? 0
            }
        // 10·log10(x) as (10/ln 10)·ln(x): the C library's logf is several times faster than its
        // log10f and differs by about one rounding (≈1e-6 dB).
        let decibelsPerNeper = 10 / Float(M_LN10)
        let offset = decibelsPerNeper * log(max(amin, reference))
        // One pass computes the dB values and their peak (the first element, then whichever is
        // greater, as `Sequence.max()` picks it); a second raises them to the floor.
        var peak: Float = 0
        let decibels = [Float](unsafeUninitializedCapacity: values.count) { output, initialised in
            values.withUnsafeBufferPointer { input in
                for i in input.indices {
                    let value = decibelsPerNeper * log(Swift.max(amin, input[i])) - offset
                    output[i] = value
                    if i == 0 || peak < value { peak = value }
                }
                if let topDB, !input.isEmpty {
                    let floor = peak - topDB
                    for i in input.indices { output[i] = Swift.max(output[i], floor) }
                }
            }
            initialised = values.count
        }
        return Spectrogram(rowCount: rowCount, frameCount: frameCount, values: decibels)
    }
}

/// Throws unless `amin > 0` and `topDB` is absent or ≥ 0 (librosa's `power_to_db` checks).
func requireDecibelParameters(amin: Float = 1e-10, topDB: Float?) throws {
    guard amin > 0 else { throw SpectralError.invalidParameter("amin=\(amin) must be strictly positive") }
    if let topDB, !(topDB >= 0) {
        throw SpectralError.invalidParameter("topDB=\(topDB) must be non-negative")
    }
}
