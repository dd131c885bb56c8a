import Foundation

/// An analysis window, periodic ("DFT-even") like `scipy.signal.get_window(name, n, fftbins=True)`,
/// which librosa uses for `stft`. Raw values are the scipy names (`rectangular` is scipy's `boxcar`).
public enum WindowFunction: String, Codable, Sendable, CaseIterable {
    case hann, hamming, blackman, rectangular

    /// The cosine-sum coefficients a₀, a₁, a₂ of w(n) = Σ (−1)ᵏ aₖ cos(2πkn/N).
    private var coefficients: [Double] {
        switch self {
        case .hann: [0.5, 0.5]
        case .hamming: [0.54, 0.46]
        case .blackman: [0.42, 0.5, 0.08]
        case .rectangular: [1]
        }
    }

    /// The periodic window of `length` samples: w(n) = Σₖ (−1)ᵏ aₖ cos(2πkn/length), n = 0 ..< length
    /// (computed in Double, rounded to Float). A window of length 1 is `[1]`, as in scipy.
    public func samples(length: Int) -> [Float] {
        guard length > 1 else { return Array(repeating: 1, count: max(length, 0)) }
        return (0..<length).map { n in
            let phase = 2 * Double.pi * Double(n) / Double(length)
            var value = 0.0
            for (k, a) in coefficients.enumerated() {
                value += (k % 2 == 0 ? a : -a) * cos(Double(k) * phase)
            }
            return Float(value)
        }
    }

    /// The `length`-sample window centred in `size` zeros, like librosa's
    /// `util.pad_center(get_window(window, length), size=size)`: it starts at `(size − length) / 2`.
    public func samples(length: Int, centredIn size: Int) -> [Float] {
        precondition(length <= size, "window length \(length) exceeds frame size \(size)")
        var padded = [Float](repeating: 0, count: size)
        let start = (size - length) / 2
        padded.replaceSubrange(start..<start + length, with: samples(length: length))
        return padded
    }
}
