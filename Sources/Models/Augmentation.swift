import ClassifierSupport
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
/// - `timeMaskFrames` T, `frequencyMaskRows` F (SpecAugment, Park et al. 2019): two masks on each
///   axis, each of a width drawn uniformly from 0…T frames (0…F rows) at a uniform position, set
///   to 0 — the training mean, since the features are standardised.
/// - `mixupAlpha` α (Zhang et al. 2018): each batch is mixed with a shuffled copy of itself,
///   x = λ·x + (1 − λ)·x', with one λ ~ Beta(α, α) per batch, and the loss targets are mixed the
///   same way (applied by the trainer, not per segment).
/// - `filterDB` D (in the spirit of FilterAugment, Nam et al. 2022): the level rows (dB) of the
///   segment get a random equaliser curve, piecewise linear through 5 knots — the first and last
///   row and 3 random rows between — each at a level uniform in −D…D dB; each row's dB offset is
///   divided by its training standard deviation, since the features are standardised. A new
///   recording chain (microphone, room, mastering) tilts and bends the spectrum like this. Only
///   features with dB rows take it (``InputFeature/decibelRows(_:)``).
/// - `mixStyleProbability` p: frequency-wise MixStyle — with chance p per batch, each segment's
///   rows take a level and spread mixed with another segment's (applied by the trainer, per batch;
///   see its `FrequencyMixStyle`), so the network meets recordings re-styled as by other chains.
/// Pitch shift and time stretch are not offered (later).
public struct Augmentation: Codable, Sendable, Equatable {
    public var shiftFrames: Int = 0
    public var gainDB: Float = 0
    public var snrDB: Float? = nil
    /// `nil` (bundles written before masking existed) means 0.
    public var timeMaskFrames: Int? = nil, frequencyMaskRows: Int? = nil
    public var mixupAlpha: Float? = nil
    /// Largest equaliser level in dB; `nil` (also in bundles written before it existed) is off.
    public var filterDB: Float? = nil
    /// Chance per batch of frequency-wise MixStyle; `nil` (also in older bundles) is off.
    public var mixStyleProbability: Float? = nil

    public init(
        shiftFrames: Int = 0, gainDB: Float = 0, snrDB: Float? = nil, timeMaskFrames: Int? = nil,
        frequencyMaskRows: Int? = nil, mixupAlpha: Float? = nil, filterDB: Float? = nil,
        mixStyleProbability: Float? = nil
    ) {
        (self.shiftFrames, self.gainDB, self.snrDB) = (shiftFrames, gainDB, snrDB)
        (self.timeMaskFrames, self.frequencyMaskRows, self.mixupAlpha) = (timeMaskFrames, frequencyMaskRows, mixupAlpha)
        (self.filterDB, self.mixStyleProbability) = (filterDB, mixStyleProbability)
    }

    /// Whether any per-segment augmentation is switched on (mixup and MixStyle are per batch).
    public var isActive: Bool {
        shiftFrames > 0 || gainDB > 0 || snrDB != nil || (timeMaskFrames ?? 0) > 0 || (frequencyMaskRows ?? 0) > 0
            || (filterDB ?? 0) > 0
    }

    /// Checks the values a user can get wrong, naming the setting by its key.
    func validate() throws(ConfigurationError) {
        for (key, value) in [
            ("augment_shift", shiftFrames), ("augment_time_mask", timeMaskFrames ?? 0),
            ("augment_freq_mask", frequencyMaskRows ?? 0),
        ] where value < 0 {
            throw ConfigurationError(key: key, value: "\(value)", reason: "must be ≥ 0")
        }
        for (key, value) in [("augment_gain_db", gainDB), ("augment_filter_db", filterDB ?? 0)]
        where !(value >= 0 && value.isFinite) {
            throw ConfigurationError(key: key, value: "\(value)", reason: "must be a finite number ≥ 0")
        }
        if let mixupAlpha, !(mixupAlpha > 0 && mixupAlpha.isFinite) {
            throw ConfigurationError(
                key: "mixup", value: "\(mixupAlpha)", reason: "must be a positive Beta(α, α) parameter")
        }
        if let mixStyleProbability, !(mixStyleProbability > 0 && mixStyleProbability <= 1) {
            throw ConfigurationError(
                key: "mix_style", value: "\(mixStyleProbability)", reason: "must be a probability in (0, 1]")
        }
    }

    /// The shifted first frame for a segment at `start` of a track of `frameCount` frames.
    func shiftedStart(_ start: Int, frameCount: Int, framesPerSegment: Int, using random: inout SeededGenerator) -> Int
    {
        guard shiftFrames > 0 else { return start }
        let offset = Int(random.next() % UInt64(2 * shiftFrames + 1)) - shiftFrames
        return min(max(start + offset, 0), max(frameCount - framesPerSegment, 0))
    }

    /// Sets two random spans of rows and two of frames of one `[rows, frames]` segment to 0.
    func mask(
        real: inout ArraySlice<Float>, imaginary: inout ArraySlice<Float>?, rows: Int,
        using random: inout SeededGenerator
    ) {
        let frames = real.count / max(rows, 1), base = real.startIndex
        func span(maximum: Int, length: Int) -> Range<Int> {
            let width = Int(random.next() % UInt64(min(maximum, length) + 1))
            let start = Int(random.next() % UInt64(length - width + 1))
            return start..<start + width
        }
        func clear(_ index: Int) {
            real[base + index] = 0
            if imaginary != nil { imaginary![imaginary!.startIndex + index] = 0 }
        }
        for _ in 0..<2 where (frequencyMaskRows ?? 0) > 0 {
            for r in span(maximum: frequencyMaskRows!, length: rows) { for t in 0..<frames { clear(r * frames + t) } }
        }
        for _ in 0..<2 where (timeMaskFrames ?? 0) > 0 {
            let masked = span(maximum: timeMaskFrames!, length: frames)
            for r in 0..<rows { for t in masked { clear(r * frames + t) } }
        }
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
