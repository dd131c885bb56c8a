/// Decoded Float32 samples, channel-major: channel `c` is `samples[c * frames ..< (c + 1) * frames]`
/// (for mono, just the signal). Values are libsndfile's normalised floats (PCM full scale = ±1).
public struct DecodedAudio: Sendable, Equatable {
    /// All samples, `channels × frames`, channel-major.
    public var samples: [Float]
    /// Number of channels (1 after a mono downmix).
    public let channels: Int
    /// Sample rate of `samples`, in Hz.
    public let sampleRate: Int

    public init(samples: [Float], channels: Int, sampleRate: Int) {
        precondition(
            channels > 0 && samples.count % channels == 0,
            "\(samples.count) samples do not split into \(channels) channels")
        self.samples = samples
        self.channels = channels
        self.sampleRate = sampleRate
    }

    /// Samples per channel.
    public var frames: Int { samples.count / channels }

    /// Duration in seconds.
    public var duration: Double { Double(frames) / Double(sampleRate) }

    /// The samples of channel `index`.
    public func channel(_ index: Int) -> ArraySlice<Float> {
        samples[index * frames..<(index + 1) * frames]
    }

    /// The largest absolute sample value (0 when empty).
    public var peak: Float { samples.reduce(0) { max($0, abs($1)) } }

    /// Root mean square over all samples (0 when empty), accumulated in Double.
    public var rms: Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }
}
