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
private func wrappedDifferences(
    _ phase: UnsafePointer<Float>, lag: Int, count: Int, minus shift: Float,
    times scale: Float, plus offset: Float, into output: UnsafeMutablePointer<Float>
) {
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
        guard sampleRate > 0 else {
            throw SpectralError.invalidParameter("sampleRate=\(sampleRate) must be a positive number")
        }
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
                    wrappedDifferences(
                        phase.baseAddress! + row, lag: 1, count: frameCount - 1, minus: expectedAdvance,
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
        guard frequencyCount > 1 else {
            return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: result)
        }
        phase.withUnsafeBufferPointer { phase in
            result.withUnsafeMutableBufferPointer { result in
                wrappedDifferences(
                    phase.baseAddress!, lag: frameCount, count: (frequencyCount - 1) * frameCount,
                    minus: 0, times: -samplesPerRadian, plus: 0, into: result.baseAddress!)
            }
        }
        let last = (frequencyCount - 1) * frameCount
        result.replaceSubrange(last..<last + frameCount, with: result[last - frameCount..<last])
        return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: result)
    }
}

// MARK: - Quadratic phase coupling

extension ComplexSpectrogram {
    /// Quadratic phase coupling of each bin with its octave, `[(frequencyCount + 1) / 2, frames]`,
    /// complex: the diagonal of the bispectrum, B[k, t] = X[2k, t] · conj(X[k, t])², rescaled to the
    /// units of |X|:
    ///
    ///     Q[k, t] = B[k, t] · |B[k, t]|^(−2/3),   |Q| = (|X[2k]|·|X[k]|²)^(1/3),   arg Q = φ[2k] − 2φ[k]
    ///
    /// For a partial at bin k and one at 2k, the frame's time shift cancels in arg Q, which is the
    /// partials' phase coupling φ(2f) − 2φ(f) in every frame; magnitude spectrograms cannot show it.
    /// Q = 0 where either bin is 0.
    public func quadraticPhaseCoupling() -> ComplexSpectrogram {
        let rows = (frequencyCount + 1) / 2
        var result = [Float](repeating: 0, count: 2 * rows * frameCount)
        interleaved.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { q in
                for k in 0..<rows {
                    for t in 0..<frameCount {
                        let a = 2 * (k * frameCount + t), b = 2 * (2 * k * frameCount + t)
                        let (xr, xi, yr, yi) = (x[a], x[a + 1], x[b], x[b + 1])
                        // conj(X[k])² = (xr² − xi²) − 2i·xr·xi, times X[2k].
                        let (cr, ci) = (xr * xr - xi * xi, -2 * xr * xi)
                        let (br, bi) = (yr * cr - yi * ci, yr * ci + yi * cr)
                        let magnitude = (br * br + bi * bi).squareRoot()
                        guard magnitude > 0 else { continue }
                        let scale = 1 / Foundation.pow(magnitude, 2.0 / 3.0)
                        let i = 2 * (k * frameCount + t)
                        (q[i], q[i + 1]) = (br * scale, bi * scale)
                    }
                }
            }
        }
        return ComplexSpectrogram(frequencyCount: rows, frameCount: frameCount, interleaved: result)
    }
}

// MARK: - The paper's phase inputs (arXiv 2510.09926)

extension FeatureExtractor {
    /// Workflow 1, the complex log-mel spectrogram: `C = melBasis @ STFT` (mel filters applied to
    /// the complex STFT), then `log(|C| + epsilon) · exp(i·angle(C))` — natural-log magnitude with
    /// the phase of C kept. `[nMels, frames]`, complex.
    public func complexLogMel(from spectrogram: ComplexSpectrogram, epsilon: Float = 1e-6) throws -> ComplexSpectrogram
    {
        Self.logMagnitudeKeepingPhase(try melFilterbank(spectrogram), epsilon: epsilon)
    }

    /// Quadratic phase coupling pooled in mel bands, `[nMels, frames]`, complex: `C = melBasis' @ Q`
    /// with Q = ``ComplexSpectrogram/quadraticPhaseCoupling()`` and melBasis' the configuration's
    /// `nMels` filters over 0 … sampleRate/4 (the frequencies whose octave is below Nyquist; built as
    /// a filterbank of sampleRate/2 and nFFT/2, which has the same bin spacing).
    public func phaseCouplingMel(from spectrogram: ComplexSpectrogram) throws -> ComplexSpectrogram {
        let c = configuration
        let octaveBands = try MelFilterbank(
            sampleRate: Double(c.sampleRate) / 2, nFFT: c.nFFT / 2, nMels: c.nMels,
            fmin: c.fmin, fmax: min(c.fmax ?? .infinity, Double(c.sampleRate) / 4),
            htk: c.htk, norm: c.norm)
        return try octaveBands(spectrogram.quadraticPhaseCoupling())
    }

    /// ``phaseCouplingMel(from:)`` as `log(|C| + epsilon) · exp(i·angle(C))`, like workflow 1.
    public func phaseCouplingLogMel(from spectrogram: ComplexSpectrogram, epsilon: Float = 1e-6) throws
        -> ComplexSpectrogram
    {
        Self.logMagnitudeKeepingPhase(try phaseCouplingMel(from: spectrogram), epsilon: epsilon)
    }

    /// `log(|c| + epsilon) · exp(i·angle(c))` of every element (angle(0) = 0, so a zero element
    /// becomes the real number log(epsilon)).
    static func logMagnitudeKeepingPhase(_ input: ComplexSpectrogram, epsilon: Float) -> ComplexSpectrogram {
        var result = input
        result.interleaved.withUnsafeMutableBufferPointer { values in
            for i in stride(from: 0, to: values.count, by: 2) {
                let magnitude = (values[i] * values[i] + values[i + 1] * values[i + 1]).squareRoot()
                let logMagnitude = log(magnitude + epsilon)
                let (cosine, sine) = magnitude > 0 ? (values[i] / magnitude, values[i + 1] / magnitude) : (1, 0)
                (values[i], values[i + 1]) = (logMagnitude * cosine, logMagnitude * sine)
            }
        }
        return result
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
        return ComplexSpectrogram(
            frequencyCount: coefficients.rowCount, frameCount: coefficients.frameCount,
            interleaved: interleaved)
    }
}
