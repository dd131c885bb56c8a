import Foundation

/// librosa 0.11's `chroma_stft(S=|X|², sr, n_fft, tuning=0)`: the power spectrum folded onto the
/// 12 pitch classes (C first) by `filters.chroma`'s Gaussian weights, each frame scaled so its
/// largest class is 1. The tuning is fixed at A = 440 Hz (librosa estimates it when not given).
public struct Chroma: Sendable {
    public static let classes = 12
    /// `[12, 1 + nFFT/2]`, row-major: librosa's `filters.chroma(sr, n_fft, tuning=0)` as float32.
    let weights: [Float]
    let bins: Int

    public init(sampleRate: Double, nFFT: Int) {
        let n = Double(Self.classes)
        // Every bin but DC in octaves above A0 − 4 octaves (A440 / 16), in chroma steps; DC
        // gets a bin 1.5 octaves below the first.
        let step = sampleRate / Double(nFFT)
        var positions = (1..<nFFT).map { n * log2(Double($0) * step / (440 / 16)) }
        positions.insert(positions[0] - 1.5 * n, at: 0)
        let widths = (0..<nFFT).map { $0 + 1 < nFFT ? Swift.max(positions[$0 + 1] - positions[$0], 1) : 1 }
        var w = [Double](repeating: 0, count: Self.classes * nFFT)
        for c in 0..<Self.classes {
            for f in 0..<nFFT {
                let distance = (positions[f] - Double(c) + n / 2 + 10 * n).truncatingRemainder(dividingBy: n) - n / 2
                w[c * nFFT + f] = exp(-0.5 * pow(2 * distance / widths[f], 2))
            }
        }
        // Each bin's weights to unit length, then a Gaussian over octaves centred on octave 5.
        for f in 0..<nFFT {
            let length = (0..<Self.classes).reduce(0.0) { $0 + w[$1 * nFFT + f] * w[$1 * nFFT + f] }.squareRoot()
            let octave = exp(-0.5 * pow((positions[f] / n - 5) / 2, 2))
            for c in 0..<Self.classes { w[c * nFFT + f] = w[c * nFFT + f] / length * octave }
        }
        bins = nFFT / 2 + 1
        // Rows rolled by three so that C, not A, comes first.
        weights = (0..<Self.classes).flatMap { c in
            let row = (c + 3) % Self.classes
            return (0..<(nFFT / 2 + 1)).map { Float(w[row * nFFT + $0]) }
        }
    }

    /// `[12, frames]` chroma of a power spectrogram (|X|², `[1 + nFFT/2, frames]`); a frame whose
    /// classes are all (nearly) 0 is left unscaled.
    public func callAsFunction(_ power: Spectrogram) -> Spectrogram {
        precondition(power.rowCount == bins, "\(power.rowCount) rows for \(bins) chroma bins")
        let frames = power.frameCount
        var chroma = [Float](repeating: 0, count: Self.classes * frames)
        for c in 0..<Self.classes {
            for k in 0..<bins where weights[c * bins + k] != 0 {
                let weight = weights[c * bins + k]
                for t in 0..<frames { chroma[c * frames + t] += weight * power.values[k * frames + t] }
            }
        }
        for t in 0..<frames {
            let peak = (0..<Self.classes).reduce(Float(0)) { Swift.max($0, abs(chroma[$1 * frames + t])) }
            guard peak >= Float.leastNormalMagnitude else { continue }
            for c in 0..<Self.classes { chroma[c * frames + t] /= peak }
        }
        return Spectrogram(rowCount: Self.classes, frameCount: frames, values: chroma)
    }
}
