import Foundation

/// Per-channel energy normalisation (PCEN), librosa 0.11's `pcen(S, sr, hop_length, gain, bias,
/// power, time_constant, eps)` with `max_size=1` and its default initial state: an automatic gain
/// control per row (mel band), then a root compression.
///
///     M[f, t] = b · S[f, t] + (1 − b) · M[f, t − 1]        M[f, −1] = 1
///     P[f, t] = bias^power · ((1 + S[f, t] / (ε + M[f, t])^gain / bias)^power − 1)
///
/// `S` is the input times ``inputScale`` (non-negative, `[rows, frames]`), `M` smooths it along
/// time with the first-order low-pass of librosa's `scipy.signal.lfilter([b], [1, b − 1])`,
/// `b = (√(1 + 4T²) − 1) / (2T²)` with `T = timeConstant · sampleRate / hopLength` frames. The
/// start `M[f, −1] = 1` is librosa's `zi = lfilter_zi([b], [1, b − 1])`, the filter's steady state
/// for a constant input of 1. With `power` 0 the compression is `log(1 + S / (ε + M)^gain)`, and
/// with `bias` 0 it is `(S / (ε + M)^gain)^power`, as in librosa.
///
/// The output is 0 where `S` is and bounded for any finite input: `M ≥ b·S`, so
/// `S / (ε + M)^gain ≤ S^(1−gain) / b^gain`. Arrays and the per-value arithmetic are Float
/// (`(ε + M)^−gain` as `exp(−gain · log(ε + M))`, the compression with librosa's `log1p`/`expm1`
/// formulas, a square root for power ½); the smoother's one running value per row is a Double, as
/// in librosa's float64 `lfilter`: a recursion that forgets at rate b carries each rounding for
/// about 1/b frames (40 at 16 kHz and hop 160), and in Float `M` drifted 2e-6 (relative) from
/// librosa's on the test signal.
public struct PerChannelEnergyNormalization: Sendable, Equatable {
    /// Exponent of the gain normalisation, ≥ 0 (librosa `gain`, default 0.98).
    public let gain: Float
    /// Offset of the compression, ≥ 0 (librosa `bias`, default 2).
    public let bias: Float
    /// Exponent of the compression, ≥ 0; 0 means `log1p` (librosa `power`, default 0.5).
    public let power: Float
    /// The smoother's time constant in seconds, > 0 (librosa `time_constant`, default 0.4).
    public let timeConstant: Double
    /// Floor of the smoothed energy, > 0 (librosa `eps`, default 1e-6).
    public let epsilon: Float
    /// The factor every input value is multiplied by first (1 for librosa's `pcen(S)`; the
    /// feature uses 2³¹, see ``FeatureExtractor/pcenInputScale``).
    public let inputScale: Float
    /// The smoother's coefficient `b` in [0, 1] (librosa's default `b`, from ``timeConstant``).
    public let smoothing: Double

    /// Throws ``SpectralError/invalidParameter(_:)`` naming the first parameter out of its domain
    /// (librosa's checks, plus positive `sampleRate`, `hopLength` and `inputScale`).
    /// - Parameters:
    ///   - sampleRate: Hz of the signal the rows were computed from (librosa `sr`).
    ///   - hopLength: samples between frames (librosa `hop_length`).
    public init(
        sampleRate: Double = 22050, hopLength: Int = 512, gain: Float = 0.98, bias: Float = 2, power: Float = 0.5,
        timeConstant: Double = 0.4, epsilon: Float = 1e-6, inputScale: Float = 1
    ) throws {
        try requirePositive(hopLength, "hopLength")
        for (value, name) in [(power, "power"), (gain, "gain"), (bias, "bias")] where !(value >= 0 && value.isFinite) {
            throw SpectralError.invalidParameter("\(name)=\(value) must be non-negative")
        }
        for (value, name) in [(sampleRate, "sampleRate"), (timeConstant, "timeConstant"), (Double(epsilon), "epsilon")]
        where !(value > 0 && value.isFinite) {
            throw SpectralError.invalidParameter("\(name)=\(value) must be strictly positive")
        }
        guard inputScale > 0 && inputScale.isFinite else {
            throw SpectralError.invalidParameter("inputScale=\(inputScale) must be strictly positive")
        }
        let frames = timeConstant * sampleRate / Double(hopLength)
        smoothing = ((1 + 4 * frames * frames).squareRoot() - 1) / (2 * frames * frames)
        guard (0...1).contains(smoothing) else {
            throw SpectralError.invalidParameter("b=\(smoothing) (from timeConstant=\(timeConstant)) must be in [0, 1]")
        }
        (self.gain, self.bias, self.power, self.timeConstant) = (gain, bias, power, timeConstant)
        (self.epsilon, self.inputScale) = (epsilon, inputScale)
    }

    /// The smoother's memory between two blocks of frames: librosa's filter delays `zi`/`zf`,
    /// `(1 − b) · M[f, t]` of the last frame seen in each row.
    public struct State: Sendable, Equatable {
        public internal(set) var delays: [Double]
    }

    /// The state before the first frame, `M[f, −1] = 1` in each of `rows` rows (librosa's `zi`).
    public func initialState(rows: Int) -> State {
        State(delays: [Double](repeating: 1 - smoothing, count: rows))
    }

    /// PCEN of a whole spectrogram, `[rows, frames]` in and out.
    public func callAsFunction(_ spectrogram: Spectrogram) -> Spectrogram {
        var state = initialState(rows: spectrogram.rowCount)
        return self(spectrogram, continuing: &state)
    }

    /// PCEN of the next block of frames of a longer spectrogram, `[rows, block frames]`, starting
    /// from `state` and leaving it at the block's end (librosa's `zi=…, return_zf=True`). Blocks fed
    /// in order from ``initialState(rows:)`` give the whole's columns bit for bit.
    public func callAsFunction(_ block: Spectrogram, continuing state: inout State) -> Spectrogram {
        precondition(state.delays.count == block.rowCount, "\(state.delays.count) delays for \(block.rowCount) rows")
        let frames = block.frameCount
        let values = [Float](unsafeUninitializedCapacity: block.values.count) { output, initialised in
            block.values.withUnsafeBufferPointer { input in
                state.delays.withUnsafeMutableBufferPointer { delays in
                    for row in 0..<block.rowCount {
                        let offset = row * frames
                        delays[row] = normalizeRow(
                            input.baseAddress! + offset, into: output.baseAddress! + offset, frames: frames,
                            delay: delays[row])
                    }
                }
            }
            initialised = block.values.count
        }
        return Spectrogram(rowCount: block.rowCount, frameCount: frames, values: values)
    }

    /// One row along time: the smoother (one multiply-add per frame, carried in `delay`) and the
    /// compression of each frame. Returns the delay after the row's last frame.
    private func normalizeRow(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, frames: Int, delay: Double
    ) -> Double {
        let (b, feedback) = (smoothing, 1 - smoothing)
        let compression = Compression(self)
        var delay = delay
        for t in 0..<frames {
            let energy = input[t] * inputScale
            let smoothed = b * Double(energy) + delay
            delay = feedback * smoothed
            output[t] = compression(energy, normalizedBy: exp(-gain * log(epsilon + Float(smoothed))))
        }
        return delay
    }
}

/// PCEN's compression of `x = S · (ε + M)^−gain`: librosa's three formulas, picked by the
/// parameters alone (a branch the processor predicts), and for power ½ (the default)
/// `√bias · (x/bias) / (√(1 + x/bias) + 1)`, the value of `bias^½ · expm1(½ · log1p(x/bias))`
/// without cancellation, in one square root instead of two library calls.
private struct Compression {
    let power: Float, bias: Float, biasPower: Float

    init(_ pcen: PerChannelEnergyNormalization) {
        (power, bias) = (pcen.power, pcen.bias)
        biasPower = Float(pow(Double(bias), Double(power)))
    }

    @inline(__always)
    func callAsFunction(_ energy: Float, normalizedBy gain: Float) -> Float {
        if power == 0 { return log1p(energy * gain) }
        if bias == 0 { return exp(power * (log(energy) + log(gain))) }
        let x = energy * gain / bias
        if power == 0.5 { return biasPower * x / ((1 + x).squareRoot() + 1) }
        return biasPower * expm1(power * log1p(x))
    }
}
