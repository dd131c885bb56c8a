import Foundation

/// The centre frequency of each STFT bin as librosa's `fft_frequencies(sr, n_fft)` (NumPy's
/// `rfftfreq`) computes it, `1 + nFFT/2` values in Hz.
func binFrequencies(sampleRate: Double, nFFT: Int) -> [Double] {
    let step = 1 / (Double(nFFT) * (1 / sampleRate))
    return (0...(nFFT / 2)).map { Double($0) * step }
}

extension Spectrogram {
    /// The shape of each frame of this magnitude spectrogram (|X|, `[1 + nFFT/2, frames]`), `[5,
    /// frames]`: what librosa 0.11 returns given `S=` with its defaults —
    /// row 0 `spectral_centroid` (Hz), row 1 `spectral_bandwidth` (Hz; p = 2, about the centroid,
    /// weights normalised), row 2 `spectral_rolloff` (Hz: the lowest bin holding 85 % of the
    /// frame's summed magnitude), row 3 `spectral_flatness` (of |X|², floor 1e-10) and row 4 `rms`
    /// (the frame's root mean square from its spectrum, the DC and Nyquist bins halved).
    /// A silent frame gives 0 for all but flatness, which is 1.
    public func spectralShape(sampleRate: Double, nFFT: Int) -> Spectrogram {
        precondition(rowCount == nFFT / 2 + 1, "\(rowCount) rows for an nFFT of \(nFFT)")
        let frequencies = binFrequencies(sampleRate: sampleRate, nFFT: nFFT)
        let tiny = Double(Float.leastNormalMagnitude), floor: Float = 1e-10
        var shape = [Float](repeating: 0, count: 5 * frameCount)
        var column = [Float](repeating: 0, count: rowCount)
        for t in 0..<frameCount {
            for k in 0..<rowCount { column[k] = values[k * frameCount + t] }
            // librosa's normalize(S, norm=1) in float64: a column of norm below float32's
            // smallest normal is left as it is.
            let total = column.reduce(0.0) { $0 + Double($1) }
            let scale = total < tiny ? 1 : 1 / total
            var centroid = 0.0
            for k in 0..<rowCount { centroid += frequencies[k] * Double(column[k]) * scale }
            var spread = 0.0
            for k in 0..<rowCount {
                let deviation = frequencies[k] - centroid
                spread += Double(column[k]) * scale * deviation * deviation
            }
            // The roll-off compares NumPy's float32 running sum with a float32 threshold.
            var running: Float = 0
            let threshold = Float(0.85) * column.reduce(0, +)
            var rolloff = frequencies[rowCount - 1]
            for k in 0..<rowCount {
                running += column[k]
                if !(running < threshold) {
                    rolloff = frequencies[k]
                    break
                }
            }
            var logSum = 0.0, sum = 0.0, energy = 0.0
            for k in 0..<rowCount {
                let power = column[k] * column[k]
                let floored = Double(Swift.max(floor, power))
                (logSum, sum) = (logSum + log(floored), sum + floored)
                let halved = k == 0 || (nFFT % 2 == 0 && k == rowCount - 1)
                energy += Double(halved ? 0.5 * power : power)
            }
            let n = Double(rowCount)
            shape[t] = Float(centroid)
            shape[frameCount + t] = Float(spread.squareRoot())
            shape[2 * frameCount + t] = Float(rolloff)
            shape[3 * frameCount + t] = Float(exp(logSum / n) / (sum / n))
            shape[4 * frameCount + t] = Float((2 * energy / Double(nFFT * nFFT)).squareRoot())
        }
        return Spectrogram(rowCount: 5, frameCount: frameCount, values: shape)
    }
}
