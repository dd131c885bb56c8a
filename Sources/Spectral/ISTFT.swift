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

        let plan = FFTPlanCache.plan(size: nFFT, kind: .realInverse)
        let columnStride = FFTBuffer.alignedStride(2 * bins)
        let columns = FFTBuffer(count: columnStride * Self.blockSize), frame = FFTBuffer(count: nFFT)
        let scale = 1 / Float(nFFT)
        var sum = [Float](repeating: 0, count: spanned), windowSquares = [Float](repeating: 0, count: spanned)
        paddedWindow.withUnsafeBufferPointer { window in
            let window = window.baseAddress!
            spectrogram.interleaved.withUnsafeBufferPointer { source in
                sum.withUnsafeMutableBufferPointer { sum in
                    windowSquares.withUnsafeMutableBufferPointer { windowSquares in
                        for first in stride(from: 0, to: frames, by: Self.blockSize) {
                            let block = first..<min(first + Self.blockSize, frames)
                            transposeComplex(
                                source.baseAddress! + 2 * first, sourceRowStride: spectrogram.frameCount,
                                into: columns.pointer, destinationRowStride: columnStride / 2,
                                destinationRows: block.count, destinationColumns: bins)
                            for t in block {
                                plan.execute(real: frame.pointer, complex: columns.pointer + (t - first) * columnStride)
                                let output = sum.baseAddress! + t * hopLength
                                let squares = windowSquares.baseAddress! + t * hopLength
                                for j in 0..<nFFT {
                                    output[j] += frame.pointer[j] * scale * window[j]
                                    squares[j] += window[j] * window[j]
                                }
                            }
                        }
                    }
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
