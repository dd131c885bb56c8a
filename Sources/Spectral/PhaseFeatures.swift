import Foundation

/// The principal value of an angle, in [−π, π) (NumPy's `np.mod(x + π, 2π) − π`), for
/// |x| < 5π — enough for a difference of two phases minus an advance in [0, 2π). Conditional
/// steps of 2π instead of `floor`, which baseline x86-64 has no instruction for.
@inline(__always)
func principalValue(_ x: Float) -> Float {
    let twoPi = 2 * Float.pi
    var x = x
    x += x < -Float.pi ? twoPi : 0
    x += x < -Float.pi ? twoPi : 0
    x -= x >= Float.pi ? twoPi : 0
    x -= x >= Float.pi ? twoPi : 0
    return x
}

/// `output[i] = princarg(phase[i + lag] − phase[i] − shift) · scale + offset` for i < count:
/// the wrapped finite difference both phase derivatives are made of.
private func wrappedDifferences(_ phase: UnsafePointer<Float>, lag: Int, count: Int, minus shift: Float,
                                times scale: Float, plus offset: Float, into output: UnsafeMutablePointer<Float>) {
    for i in 0..<count {
        output[i] = principalValue(phase[i &+ lag] - phase[i] - shift) * scale + offset
    }
}

extension ComplexSpectrogram {
    /// Instantaneous frequency in Hz, `[frequencies, frames]`, from the frame-to-frame phase advance:
    ///
    ///     IF[k, t] = princarg(φ[k, t] − φ[k, t−1] − 2π·k·hopLength/nFFT) · sampleRate / (2π·hopLength)
    ///                + k · sampleRate / nFFT
    ///
    /// with φ = `angle(S)` and princarg the principal value in [−π, π). The first frame has no
    /// predecessor: `IF[k, 0]` is the bin centre `k · sampleRate / nFFT`.
    public func instantaneousFrequency(sampleRate: Double, hopLength: Int, nFFT: Int) throws -> Spectrogram {
        guard sampleRate > 0 else { throw SpectralError.invalidParameter("sampleRate=\(sampleRate) must be a positive number") }
        try requirePositive(hopLength, "hopLength")
        try requirePositive(nFFT, "nFFT")
        let phase = self.phase().values
        guard frameCount > 0 else { return Spectrogram(rowCount: frequencyCount, frameCount: 0, values: []) }
        let hzPerRadian = Float(sampleRate / (2 * Double.pi * Double(hopLength)))
        let result = [Float](unsafeUninitializedCapacity: phase.count) { result, initialised in
            phase.withUnsafeBufferPointer { phase in
                for k in 0..<frequencyCount {
                    let centre = Float(Double(k) * sampleRate / Double(nFFT))
                    // The expected advance 2π·k·hop/nFFT, reduced modulo 2π in Double before rounding
                    // to Float (unreduced it reaches thousands of radians, where a Float ulp is 1e-4 rad).
                    let cycles = Double(k) * Double(hopLength) / Double(nFFT)
                    let expectedAdvance = Float(2 * Double.pi * (cycles - cycles.rounded(.down)))
                    let row = k * frameCount
                    result[row] = centre
                    wrappedDifferences(phase.baseAddress! + row, lag: 1, count: frameCount - 1, minus: expectedAdvance,
                                       times: hzPerRadian, plus: centre, into: result.baseAddress! + row + 1)
                }
            }
            initialised = phase.count
        }
        return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: result)
    }

    /// Group delay in samples (from each frame's first sample), `[frequencies, frames]`, the
    /// negative frequency-derivative of phase as a forward difference:
    ///
    ///     GD[k, t] = −princarg(φ[k+1, t] − φ[k, t]) · nFFT / (2π)
    ///
    /// where the bin spacing is 2π/nFFT radians per sample. The last bin has no successor and
    /// repeats the row before it (`GD[K−1, t] = GD[K−2, t]`); a single-bin spectrogram gives zeros.
    /// Divide by the sample rate for seconds.
    public func groupDelay(nFFT: Int) throws -> Spectrogram {
        try requirePositive(nFFT, "nFFT")
        let phase = self.phase().values
        let samplesPerRadian = Float(nFFT) / (2 * Float.pi)
        var result = [Float](repeating: 0, count: phase.count)
        guard frequencyCount > 1 else { return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: result) }
        phase.withUnsafeBufferPointer { phase in
            result.withUnsafeMutableBufferPointer { result in
                wrappedDifferences(phase.baseAddress!, lag: frameCount, count: (frequencyCount - 1) * frameCount,
                                   minus: 0, times: -samplesPerRadian, plus: 0, into: result.baseAddress!)
            }
        }
        let last = (frequencyCount - 1) * frameCount
        result.replaceSubrange(last..<last + frameCount, with: result[last - frameCount..<last])
        return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: result)
    }
}

// MARK: - The paper's phase inputs (arXiv 2510.09926)

extension FeatureExtractor {
    /// Workflow 1, the complex log-mel spectrogram: `C = melBasis @ STFT` (mel filters applied to
    /// the complex STFT), then `log(|C| + epsilon) · exp(i·angle(C))` — natural-log magnitude with
    /// the phase of C kept. `[nMels, frames]`, complex.
    public func complexLogMel(from spectrogram: ComplexSpectrogram, epsilon: Float = 1e-6) throws -> ComplexSpectrogram {
        var mel = try melFilterbank(spectrogram)
        mel.interleaved.withUnsafeMutableBufferPointer { values in
            for i in stride(from: 0, to: values.count, by: 2) {
                let magnitude = (values[i] * values[i] + values[i + 1] * values[i + 1]).squareRoot()
                let logMagnitude = log(magnitude + epsilon)
                // angle(0) = 0, so a zero band becomes the real number log(epsilon).
                let (cosine, sine) = magnitude > 0 ? (values[i] / magnitude, values[i + 1] / magnitude) : (1, 0)
                (values[i], values[i + 1]) = (logMagnitude * cosine, logMagnitude * sine)
            }
        }
        return mel
    }

    /// Workflow 2, the phase-MFCC: `MFCC · exp(i · DCT(melBasis @ angle(STFT)))` keeping the first
    /// `nMFCC` rows — the magnitude is the (liftered) MFCC of the STFT, the phase the orthonormal
    /// DCT-II (not liftered) of the mel-weighted wrapped phase. `[nMFCC, frames]`, complex.
    public func phaseMFCC(from spectrogram: ComplexSpectrogram) throws -> ComplexSpectrogram {
        let coefficients = try mfcc(from: spectrogram)
        let phase = try mfccTransform.dct(melFilterbank(spectrogram.phase()))
        var interleaved = [Float](repeating: 0, count: 2 * coefficients.values.count)
        for i in coefficients.values.indices {
            interleaved[2 * i] = coefficients.values[i] * cos(phase.values[i])
            interleaved[2 * i + 1] = coefficients.values[i] * sin(phase.values[i])
        }
        return ComplexSpectrogram(frequencyCount: coefficients.rowCount, frameCount: coefficients.frameCount,
                                  interleaved: interleaved)
    }
}
