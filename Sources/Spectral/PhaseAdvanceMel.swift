import Foundation

extension MelFilterbank {
    /// The centre of each filter in Hz, `[nMels]` (the middle of its three corners on the mel scale,
    /// librosa's `mel_frequencies(nMels + 2, fmin, fmax)[1:-1]`).
    public var centreFrequencies: [Double] {
        Array(MelScale(htk: htk).frequencies(count: nMels + 2, fmin: fmin, fmax: fmax).dropFirst().dropLast())
    }
}

extension ComplexSpectrogram {
    /// Each bin's frame-to-frame phase advance at the bin's magnitude, `[frequencies, frames]`,
    /// complex: `D[k, t] = X[k, t] · conj(X[k, t−1]) / |X[k, t−1]|`, so `|D| = |X|` and
    /// `arg D = φ[k, t] − φ[k, t−1]`. Frame 0 (no predecessor) and bins after a zero get the
    /// real value `|X[k, t]|` (advance 0).
    public func phaseAdvance() -> ComplexSpectrogram {
        var result = [Float](repeating: 0, count: interleaved.count)
        interleaved.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { d in
                for k in 0..<frequencyCount {
                    let row = 2 * k * frameCount
                    for t in 0..<frameCount {
                        let i = row + 2 * t
                        let (re, im) = (x[i], x[i + 1])
                        let magnitude = (re * re + im * im).squareRoot()
                        let previous = t == 0 ? 0 : (x[i - 2] * x[i - 2] + x[i - 1] * x[i - 1]).squareRoot()
                        guard previous > 0 else {
                            d[i] = magnitude
                            continue
                        }
                        // X · conj(P) / |P| with P the previous frame's value.
                        let (pr, pi) = (x[i - 2] / previous, x[i - 1] / previous)
                        (d[i], d[i + 1]) = (re * pr + im * pi, im * pr - re * pi)
                    }
                }
            }
        }
        return ComplexSpectrogram(frequencyCount: frequencyCount, frameCount: frameCount, interleaved: result)
    }
}

extension FeatureExtractor {
    /// Mel bands whose phase is the band's instantaneous-frequency deviation, `[nMels, frames]`,
    /// complex — a phase input that does not depend on where a frame starts:
    ///
    ///     A[m, t] = Σ_k W[m, k] · |X[k, t]|                  (amplitude mel)
    ///     P[m, t] = Σ_k W[m, k] · D[k, t]                    (D = ``ComplexSpectrogram/phaseAdvance()``)
    ///     Z[m, t] = log(1 + A[m, t] / epsilon) · exp(i · princarg(arg P[m, t] − 2π · f_m · hopLength / sampleRate))
    ///
    /// with W the configuration's mel filters and f_m the centre of band m
    /// (``MelFilterbank/centreFrequencies``). Every bin near a steady partial of frequency F advances
    /// by 2π·F·hop/sr, so the phase of Z is F's offset from the band centre in radians per hop
    /// (wrapped); over noise it is random. The magnitude rises with the band's amplitude and is
    /// 0 for silence (unlike ``complexLogMel(from:epsilon:)``'s `log(|C| + ε)`, negative below 1,
    /// whose sign a complex network cannot see past a random phase). Frame 0 has phase 0.
    public func phaseAdvanceLogMel(from spectrogram: ComplexSpectrogram, epsilon: Float = 1e-4) throws
        -> ComplexSpectrogram
    {
        let (amplitudeMel, advanceMel) = try phaseAdvanceMels(spectrogram)
        let amplitude = amplitudeMel.values
        var result = advanceMel
        let frames = result.frameCount, hop = Double(configuration.hopLength), rate = Double(configuration.sampleRate)
        let centres = melFilterbank.centreFrequencies
        result.interleaved.withUnsafeMutableBufferPointer { z in
            for m in 0..<result.frequencyCount {
                // The centre's advance per hop, reduced modulo 2π in Double before rounding to Float.
                let cycles = centres[m] * hop / rate
                let expected = Float(2 * Double.pi * (cycles - cycles.rounded(.down)))
                for t in 0..<frames {
                    let i = 2 * (m * frames + t)
                    let angle = t == 0 ? 0 : principalValue(Spectral.angle(z[i], z[i + 1]) - expected)
                    let magnitude = log1p(amplitude[m * frames + t] / epsilon)
                    (z[i], z[i + 1]) = (magnitude * cos(angle), magnitude * sin(angle))
                }
            }
        }
        return result
    }
}

extension FeatureExtractor {
    /// How coherently each mel band's bins advance in phase from frame to frame, `[nMels, frames]`,
    /// in [0, 1]: `|P[m, t]| / A[m, t]` with P and A of ``phaseAdvanceLogMel(from:epsilon:)`` —
    /// 1 when every bin of the band advances alike (one steady partial), near 0 over noise; 0 where
    /// the band is silent. Frame 0 has no predecessor and repeats frame 1.
    public func phaseCoherence(from spectrogram: ComplexSpectrogram) throws -> Spectrogram {
        let (amplitude, advanceMel) = try phaseAdvanceMels(spectrogram)
        let advance = advanceMel.magnitude()
        let frames = amplitude.frameCount
        var values = zip(advance.values, amplitude.values).map { p, a in a > 0 ? min(1, p / a) : 0 }
        if frames > 1 {
            for row in stride(from: 0, to: values.count, by: frames) { values[row] = values[row + 1] }
        }
        return Spectrogram(rowCount: amplitude.rowCount, frameCount: frames, values: values)
    }
}

extension FeatureExtractor {
    /// A, the amplitude mel `Σ_k W[m, k]·|X[k, t]|`, and P, the mel sum of the phase advances
    /// (``ComplexSpectrogram/phaseAdvance()``): what both phase-advance features are made of.
    func phaseAdvanceMels(_ spectrogram: ComplexSpectrogram) throws -> (
        amplitude: Spectrogram, advance: ComplexSpectrogram
    ) {
        (try melFilterbank(spectrogram.magnitude()), try melFilterbank(spectrogram.phaseAdvance()))
    }
}
