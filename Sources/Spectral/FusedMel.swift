import Foundation

/// The mel spectrogram computed on the STFT while it is in cache: each block of
/// ``ShortTimeFourierTransform/blockSize`` frames is transformed, turned into bin-major rows of
/// |X|² (and of X itself, into the STFT's output, when it is kept) in one pass over the spectra,
/// raised to |X|^power and multiplied by the filterbank before the next block is transformed —
/// no full-size power spectrogram, no second pass over the STFT. The values are bit for bit those of
/// ``FeatureExtractor/melSpectrogram(from:power:)`` on the whole STFT: the same products, added
/// in the same order (`BlockedFeatureTests`).
extension FeatureExtractor {
    /// `librosa.stft(y)` and `librosa.feature.melspectrogram(S=np.abs(stft)**power)` of `signal`
    /// in one pass: `[1 + nFFT/2, frames]` complex and `[nMels, frames]`. Throws what
    /// ``ShortTimeFourierTransform/callAsFunction(_:)`` throws.
    public func spectrogramAndMel(_ signal: [Float], power: Float = 2) throws -> (
        stft: ComplexSpectrogram, mel: Spectrogram
    ) {
        try stft.requireTransformable(signal)
        return columns(0..<stft.frameCount(signalLength: signal.count), of: signal, power: power)
    }

    /// ``spectrogramAndMel(_:power:)`` a block of `blockFrames` frames at a time, for a signal
    /// whose whole STFT is too large to hold: `body(frames, stft, mel)` gets each block's columns
    /// in order, `[1 + nFFT/2, frames.count]` and `[nMels, frames.count]`, with the values of the
    /// same columns of the whole. The signal is checked once, up front.
    public func forEachBlock(
        of signal: [Float], blockFrames: Int, power: Float = 2,
        _ body: (_ frames: Range<Int>, _ stft: ComplexSpectrogram, _ mel: Spectrogram) throws -> Void
    ) throws {
        try requirePositive(blockFrames, "blockFrames")
        try stft.requireTransformable(signal)
        let total = stft.frameCount(signalLength: signal.count)
        for first in stride(from: 0, to: total, by: blockFrames) {
            let frames = first..<min(first + blockFrames, total)
            let (spectrogram, mel) = columns(frames, of: signal, power: power)
            try body(frames, spectrogram, mel)
        }
    }

    /// STFT and mel columns `frames` of a signal that passed ``ShortTimeFourierTransform/requireTransformable(_:)``.
    private func columns(_ frames: Range<Int>, of signal: [Float], power: Float) -> (ComplexSpectrogram, Spectrogram) {
        let bins = stft.frequencyCount
        var mel: Spectrogram? = nil
        let interleaved = [Float](unsafeUninitializedCapacity: 2 * bins * frames.count) { output, initialised in
            mel = melColumns(frames, of: signal, power: power, keepingSTFTIn: output.baseAddress!)
            initialised = 2 * bins * frames.count
        }
        return (ComplexSpectrogram(frequencyCount: bins, frameCount: frames.count, interleaved: interleaved), mel!)
    }

    /// The mel spectrogram of columns `frames` of a signal that passed
    /// ``ShortTimeFourierTransform/requireTransformable(_:)``, `[nMels, frames.count]`; with
    /// `stftOutput`, the STFT columns are also written there, `[1 + nFFT/2, frames.count]` interleaved.
    func melColumns(
        _ frames: Range<Int>, of signal: [Float], power: Float, keepingSTFTIn stftOutput: UnsafeMutablePointer<Float>?
    ) -> Spectrogram {
        let count = frames.count, bins = stft.frequencyCount
        var mel = [Float](repeating: 0, count: melFilterbank.nMels * count)
        ScratchBuffers.with(count: bins * ShortTimeFourierTransform.blockSize) { powers in
            mel.withUnsafeMutableBufferPointer { mel in
                stft.forEachSpectrumBlock(frames, of: signal) { first, block, spectra, spectrumStride in
                    transposeSpectra(
                        spectra, spectrumStride: spectrumStride, bins: bins, frames: block,
                        complexRows: stftOutput.map { $0 + 2 * first }, complexRowStride: count,
                        powerRows: powers.pointer)
                    raiseSquaredMagnitudes(powers.pointer, count: bins * block, toHalfOf: power)
                    melFilterbank.matrix.accumulate(
                        powers.pointer, rowStride: block, into: mel.baseAddress! + first, rowStride: count,
                        columns: block)
                }
            }
        }
        return Spectrogram(rowCount: melFilterbank.nMels, frameCount: count, values: mel)
    }
}

/// |x|^exponent of `count` interleaved complex values, with the formulas of
/// ``ComplexSpectrogram/magnitude(raisedTo:)`` (so the same bits): exponent 1 the square root of
/// re² + im², 2 re² + im² itself, any other `pow(re² + im², exponent / 2)`.
func magnitudes(
    _ values: UnsafePointer<Float>, count: Int, raisedTo exponent: Float, into output: UnsafeMutablePointer<Float>
) {
    squaredMagnitudes(values, count: count, into: output)
    raiseSquaredMagnitudes(output, count: count, toHalfOf: exponent)
}

/// Turns `count` values re² + im² in place into |x|^exponent, as ``magnitudes`` does.
func raiseSquaredMagnitudes(_ output: UnsafeMutablePointer<Float>, count: Int, toHalfOf exponent: Float) {
    switch exponent {
    case 1: for i in 0..<count { output[i] = output[i].squareRoot() }
    case 2: break
    default: for i in 0..<count { output[i] = pow(output[i], exponent / 2) }
    }
}

/// re² + im² of `count` interleaved complex values, four at a time: the squares of eight floats,
/// then their even lanes (re²) plus their odd lanes (im²) — the same two roundings per value as
/// the scalar expression, in SSE2 registers instead of one value at a time.
private func squaredMagnitudes(_ values: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
    let raw = UnsafeRawPointer(values)
    let whole = count / 4 * 4
    for i in stride(from: 0, to: whole, by: 4) {
        let x = raw.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(output + i).storeBytes(of: squaredMagnitudes(x), as: SIMD4<Float>.self)
    }
    for i in whole..<count { output[i] = values[2 &* i] * values[2 &* i] + values[2 &* i &+ 1] * values[2 &* i &+ 1] }
}

/// re² + im² of four interleaved complex values: their squares, then even lanes plus odd lanes.
@inline(__always)
func squaredMagnitudes(_ x: SIMD8<Float>) -> SIMD4<Float> {
    let squares = x * x
    return squares.evenHalf + squares.oddHalf
}
