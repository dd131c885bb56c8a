import Foundation

/// A complex spectrogram shaped `[frequencies, frames]` like `librosa.stft`'s output.
///
/// Storage: one interleaved buffer `(re, im)` in row-major `[frequency][frame]` order — element
/// (k, t) has its real part at `interleaved[2 * (k * frameCount + t)]` and its imaginary part
/// right after. That is byte for byte a C-ordered NumPy `complex64` (`<c8`) array of shape
/// `[frequencies, frames]`, so export is a copy, and a frequency row is contiguous for the mel
/// filterbank.
public struct ComplexSpectrogram: Sendable, Equatable {
    public let frequencyCount: Int
    public let frameCount: Int
    public var interleaved: [Float]

    public init(frequencyCount: Int, frameCount: Int, interleaved: [Float]) {
        precondition(
            interleaved.count == 2 * frequencyCount * frameCount,
            "\(interleaved.count) floats for a \(frequencyCount)×\(frameCount) complex spectrogram")
        self.frequencyCount = frequencyCount
        self.frameCount = frameCount
        self.interleaved = interleaved
    }

    /// Element (frequency, frame) as (real, imaginary).
    public subscript(frequency: Int, frame: Int) -> (real: Float, imaginary: Float) {
        let i = 2 * (frequency * frameCount + frame)
        return (interleaved[i], interleaved[i + 1])
    }

    /// |S| per element (`np.abs(S)`).
    public func magnitude() -> Spectrogram { magnitude(raisedTo: 1) }

    /// |S|² per element (`np.abs(S) ** 2`), without a square root.
    public func power() -> Spectrogram { magnitude(raisedTo: 2) }

    /// |S|^exponent per element, librosa's `np.abs(S) ** power` (exponent 1 and 2 take the fast
    /// paths; the formulas are those of the fused mel, ``magnitudes(_:count:raisedTo:into:)``).
    public func magnitude(raisedTo exponent: Float) -> Spectrogram {
        let count = frequencyCount * frameCount
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            interleaved.withUnsafeBufferPointer { source in
                if count > 0 {
                    magnitudes(source.baseAddress!, count: count, raisedTo: exponent, into: buffer.baseAddress!)
                }
            }
            initialised = count
        }
        return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: values)
    }

    /// The wrapped phase `angle(S) = atan2(Im, Re)` in radians, in [−π, π] (`np.angle`), within
    /// 3·10⁻⁷ rad (see ``angle(_:_:)``).
    public func phase() -> Spectrogram { elementwise(angle) }

    /// A real matrix of the same shape with `transform(re, im)` of every element.
    func elementwise(_ transform: (Float, Float) -> Float) -> Spectrogram {
        let count = frequencyCount * frameCount
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            interleaved.withUnsafeBufferPointer { source in
                for i in 0..<count { buffer[i] = transform(source[2 * i], source[2 * i + 1]) }
            }
            initialised = count
        }
        return Spectrogram(rowCount: frequencyCount, frameCount: frameCount, values: values)
    }
}
