extension ShortTimeFourierTransform {
    /// The inverse STFT with window-sum-square normalisation, librosa 0.11's
    /// `istft(S, hop_length, win_length, n_fft, window, center, length)`.
    ///
    /// Each column is inverted with a real inverse FFT (scaled by 1/nFFT), multiplied by the
    /// window and overlap-added at `t·hopLength`; the sum is divided by Σₜ w²(n − t·hopLength)
    /// wherever that exceeds the smallest normal Float, then the first `nFFT/2` samples are dropped
    /// when `center`. The result has `length` samples when given (zero-filled past the end; only
    /// the frames that reach it are used), otherwise `nFFT + hopLength·(frames − 1)` minus
    /// `2·(nFFT/2)` when `center`. Imaginary parts of the DC and Nyquist bins are ignored, as in
    /// NumPy's `irfft`.
    ///
    /// Throws when the spectrogram does not have `1 + nFFT/2` rows or `length ≤ 0`.
    public func inverse(_ spectrogram: ComplexSpectrogram, length: Int? = nil) throws -> [Float] {
        let bins = frequencyCount
        guard spectrogram.frequencyCount == bins else {
            throw SpectralError.invalidParameter(
                "spectrogram has \(spectrogram.frequencyCount) frequency rows; nFFT=\(nFFT) needs \(bins)")
        }
        var frames = spectrogram.frameCount
        if let length {
            try requirePositive(length, "length")
            frames = min(frames, (length + 2 * padding + hopLength - 1) / hopLength)
        }
        let spanned = nFFT + hopLength * (frames - 1)
        let outputLength = length ?? spanned - 2 * padding
        guard frames > 0, outputLength > 0 else { return [] }

        var sum = [Float](repeating: 0, count: spanned), windowSquares = [Float](repeating: 0, count: spanned)
        let plan = FFTPlanCache.plan(size: nFFT, kind: .realInverse)
        let column = FFTBuffer(count: 2 * bins), frame = FFTBuffer(count: nFFT)
        let scale = 1 / Float(nFFT)
        spectrogram.interleaved.withUnsafeBufferPointer { source in
            for t in 0..<frames {
                for k in 0..<bins {
                    column.pointer[2 * k] = source[2 * (k * spectrogram.frameCount + t)]
                    column.pointer[2 * k + 1] = source[2 * (k * spectrogram.frameCount + t) + 1]
                }
                plan.execute(real: frame.pointer, complex: column.pointer)
                let offset = t * hopLength
                for j in 0..<nFFT {
                    let w = paddedWindow[j]
                    sum[offset + j] += frame.pointer[j] * scale * w
                    windowSquares[offset + j] += w * w
                }
            }
        }
        return (0..<outputLength).map { i in
            let n = i + padding
            guard n < spanned else { return 0 }
            return windowSquares[n] > .leastNormalMagnitude ? sum[n] / windowSquares[n] : sum[n]
        }
    }
}
