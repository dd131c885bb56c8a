/// The short-time Fourier transform with librosa 0.11's defaults and parameter names
/// (`librosa.stft(y, n_fft=2048, hop_length=win_length // 4, win_length=n_fft, window="hann",
/// center=True, pad_mode="constant")`).
///
/// Frame t covers samples `t·hopLength − nFFT/2 ..< t·hopLength − nFFT/2 + nFFT` of the signal
/// (zeros outside it) when `center`, or `t·hopLength ..< t·hopLength + nFFT` otherwise; it is
/// multiplied by the periodic window (``WindowFunction``) of `winLength` samples centred in
/// `nFFT`, and its real FFT gives column t of the result — `1 + nFFT/2` rows (bins k·sr/nFFT),
/// ``frameCount(signalLength:)`` columns, unnormalised like NumPy's `rfft`.
///
/// Frames are windowed and transformed (FFTW plan from the shared cache) in blocks of
/// ``blockSize`` and each block is copied into the bin-major result; the value is cheap to copy
/// and safe to use from many threads at once.
public struct ShortTimeFourierTransform: Sendable, Equatable {
    /// FFT length in samples; the spectrogram has `1 + nFFT/2` rows.
    public let nFFT: Int
    /// Samples between the starts of consecutive frames.
    public let hopLength: Int
    /// Window length in samples (≤ `nFFT`), zero-padded on both sides to `nFFT`.
    public let winLength: Int
    public let window: WindowFunction
    /// Whether frames are centred on `t·hopLength` (the signal padded with `nFFT/2` zeros each side).
    public let center: Bool
    /// The window, `winLength` samples centred in `nFFT` (librosa's `pad_center`).
    public let paddedWindow: [Float]

    /// Frames per block: the STFT transforms a block, then copies its spectra into the bin-major
    /// rows; the inverse copies a block of columns out of the rows, then inverts them. 32 measured
    /// fastest of 8, 16, 32 and 64 for nFFT 2048.
    static let blockSize = 32

    /// Throws ``SpectralError/invalidParameter(_:)`` for `nFFT ≤ 0`, `hopLength ≤ 0`,
    /// `winLength ≤ 0` or `winLength > nFFT`. `hopLength` defaults to `winLength / 4` and
    /// `winLength` to `nFFT`, as in librosa.
    public init(
        nFFT: Int = 2048, hopLength: Int? = nil, winLength: Int? = nil,
        window: WindowFunction = .hann, center: Bool = true
    ) throws {
        try requirePositive(nFFT, "nFFT")
        let winLength = winLength ?? nFFT
        try requirePositive(winLength, "winLength")
        guard winLength <= nFFT else {
            throw SpectralError.invalidParameter("winLength=\(winLength) must be at most nFFT=\(nFFT)")
        }
        let hopLength = hopLength ?? winLength / 4
        try requirePositive(hopLength, "hopLength")
        self.nFFT = nFFT
        self.hopLength = hopLength
        self.winLength = winLength
        self.window = window
        self.center = center
        paddedWindow = window.samples(length: winLength, centredIn: nFFT)
    }

    /// Rows of the spectrogram: `1 + nFFT/2`.
    public var frequencyCount: Int { 1 + nFFT / 2 }

    /// Samples of zero padding before the first frame: `nFFT/2` when centred, else 0.
    var padding: Int { center ? nFFT / 2 : 0 }

    /// Frames for a signal of `signalLength` samples, as librosa counts them:
    /// `1 + (signalLength + 2·(nFFT/2) − nFFT) / hopLength` centred, `1 + (signalLength − nFFT) / hopLength` otherwise.
    public func frameCount(signalLength: Int) -> Int {
        1 + (signalLength + 2 * padding - nFFT) / hopLength
    }

    /// The complex spectrogram of `signal`, shaped `[1 + nFFT/2, frames]`. Throws
    /// ``SpectralError/invalidSignal(_:)`` for an empty signal, a non-finite sample, or (without
    /// `center`) a signal shorter than `nFFT`.
    public func callAsFunction(_ signal: [Float]) throws -> ComplexSpectrogram {
        try requireTransformable(signal)
        return columns(0..<frameCount(signalLength: signal.count), of: signal)
    }

    /// Throws what ``callAsFunction(_:)`` throws for `signal`, without transforming it.
    func requireTransformable(_ signal: [Float]) throws {
        try requireAnalysable(signal)
        guard center || signal.count >= nFFT else {
            throw SpectralError.invalidSignal(
                "nFFT=\(nFFT) is too large for uncentered analysis of input signal of length=\(signal.count)")
        }
    }

    /// Columns `frames` of the spectrogram of a signal that passed ``requireTransformable(_:)``,
    /// `[1 + nFFT/2, frames.count]`: a long signal can be analysed a block of frames at a time.
    func columns(_ frames: Range<Int>, of signal: [Float]) -> ComplexSpectrogram {
        let count = frames.count, bins = frequencyCount
        let result = [Float](unsafeUninitializedCapacity: 2 * bins * count) { output, initialised in
            forEachSpectrumBlock(frames, of: signal) { first, block, spectra, stride in
                transposeSpectra(
                    spectra, spectrumStride: stride, bins: bins, frames: block,
                    complexRows: output.baseAddress! + 2 * first, complexRowStride: count, powerRows: nil)
            }
            initialised = 2 * bins * count
        }
        return ComplexSpectrogram(frequencyCount: bins, frameCount: count, interleaved: result)
    }

    /// Windows and transforms `frames` of a signal that passed ``requireTransformable(_:)``,
    /// ``blockSize`` frames at a time, and hands each block to `body` while it is in cache:
    /// `body(first, count, spectra, stride)` gets frames `frames.lowerBound + first ..< … + count`,
    /// frame-major — the `1 + nFFT/2` interleaved bins of the block's frame t start at
    /// `spectra + t * stride` (floats). The buffers are reused from block to block, and from
    /// call to call (``ScratchBuffers``).
    func forEachSpectrumBlock(
        _ frames: Range<Int>, of signal: [Float],
        _ body: (_ first: Int, _ count: Int, _ spectra: UnsafePointer<Float>, _ stride: Int) -> Void
    ) {
        precondition(
            frames.lowerBound >= 0 && frames.upperBound <= frameCount(signalLength: signal.count),
            "frames \(frames) of a \(signal.count)-sample signal")
        let plan = FFTPlanCache.plan(size: nFFT, kind: .realForward)
        let spectrumStride = FFTBuffer.alignedStride(2 * frequencyCount)
        ScratchBuffers.with(count: nFFT) { frame in
            ScratchBuffers.with(count: spectrumStride * Self.blockSize) { spectra in
                signal.withUnsafeBufferPointer { samples in
                    for first in stride(from: 0, to: frames.count, by: Self.blockSize) {
                        let count = min(Self.blockSize, frames.count - first)
                        for t in 0..<count {
                            windowFrame(frames.lowerBound + first + t, of: samples, into: frame.pointer)
                            plan.execute(real: frame.pointer, complex: spectra.pointer + t * spectrumStride)
                        }
                        body(first, count, spectra.pointer, spectrumStride)
                    }
                }
            }
        }
    }

    /// Writes frame `frame` of `samples` times the window into `destination` (`nFFT` floats),
    /// reading zeros outside the signal.
    private func windowFrame(
        _ frame: Int, of samples: UnsafeBufferPointer<Float>,
        into destination: UnsafeMutablePointer<Float>
    ) {
        let start = frame * hopLength - padding
        paddedWindow.withUnsafeBufferPointer { window in
            let window = window.baseAddress!
            if start >= 0 && start + nFFT <= samples.count {
                multiply(samples.baseAddress! + start, by: window, count: nFFT, into: destination)
            } else {
                for j in 0..<nFFT {
                    let s = start + j
                    destination[j] = s >= 0 && s < samples.count ? samples[s] * window[j] : 0
                }
            }
        }
    }
}

/// `output[j] = a[j] * b[j]` for `count` floats, eight at a time.
private func multiply(
    _ a: UnsafePointer<Float>, by b: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>
) {
    let whole = count / 8 * 8
    for j in stride(from: 0, to: whole, by: 8) {
        let x = UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Float>.self)
        let y = UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(output + j).storeBytes(of: x * y, as: SIMD8<Float>.self)
    }
    for j in whole..<count { output[j] = a[j] * b[j] }
}
