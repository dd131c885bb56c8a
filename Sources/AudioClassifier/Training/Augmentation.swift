import ComplexNN
import Foundation

/// Training-only augmentation, applied in the **feature domain** to each standardised segment so
/// that the feature cache stays valid (the waveform is never touched). Order: shift, gain, noise.
///
/// - `shiftFrames` s: the segment window starts at `start + k`, k uniform in −s…s, clamped to the
///   track (a random crop: a time shift by k hops, `k·hop/sr` seconds).
/// - `gainDB` g: the segment is multiplied by `10^(u/20)`, u uniform in −g…g dB. This scales the
///   *standardised* features, not the waveform (a waveform gain would move MFCC 0 and log-mel by
///   a constant instead): read it as a contrast change of the input.
/// - `snrDB` s: white Gaussian noise (circular complex for complex features) of power
///   `P / 10^(s/10)` is added, P the segment's mean |x|², so the segment-to-noise ratio of the
///   standardised features is s dB.
/// Pitch shift and time stretch are not offered (later).
public struct Augmentation: Codable, Sendable, Equatable {
    public var shiftFrames: Int = 0
    public var gainDB: Float = 0
    public var snrDB: Float? = nil

    public init(shiftFrames: Int = 0, gainDB: Float = 0, snrDB: Float? = nil) {
        (self.shiftFrames, self.gainDB, self.snrDB) = (shiftFrames, gainDB, snrDB)
    }

    /// Whether any augmentation is switched on.
    public var isActive: Bool { shiftFrames > 0 || gainDB > 0 || snrDB != nil }

    /// The shifted first frame for a segment at `start` of a track of `frameCount` frames.
    func shiftedStart(_ start: Int, frameCount: Int, framesPerSegment: Int, using random: inout SeededGenerator) -> Int
    {
        guard shiftFrames > 0 else { return start }
        let offset = Int(random.next() % UInt64(2 * shiftFrames + 1)) - shiftFrames
        return min(max(start + offset, 0), max(frameCount - framesPerSegment, 0))
    }

    /// Applies gain and noise in place to one segment's planes.
    func perturb(
        real: inout ArraySlice<Float>, imaginary: inout ArraySlice<Float>?, using random: inout SeededGenerator
    ) {
        if gainDB > 0 {
            let gain = Foundation.pow(10, (2 * random.nextUniform() - 1) * gainDB / 20)
            for i in real.indices { real[i] *= gain }
            if imaginary != nil { for i in imaginary!.indices { imaginary![i] *= gain } }
        }
        guard let snrDB else { return }
        let power = (real.reduce(0) { $0 + $1 * $1 } + (imaginary?.reduce(0) { $0 + $1 * $1 } ?? 0)) / Float(real.count)
        let noisePower = power / Foundation.pow(10, snrDB / 10)
        // Circular complex noise splits its power evenly between the planes.
        let sigma = (imaginary == nil ? noisePower : noisePower / 2).squareRoot()
        for i in real.indices { real[i] += sigma * random.nextNormal() }
        if imaginary != nil { for i in imaginary!.indices { imaginary![i] += sigma * random.nextNormal() } }
    }
}
