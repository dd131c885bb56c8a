/// How ``AudioFile/load(_:options:)`` decodes, with librosa 0.11 `librosa.load` defaults and semantics.
public struct LoadOptions: Sendable, Equatable {
    /// Output sample rate in Hz (libsoxr at librosa's `soxr_hq` quality), or `nil` to keep the
    /// file's native rate. Default 22050.
    public var sampleRate: Int?
    /// Average the channels into one (librosa's `to_mono`: the mean, computed in Float32) before
    /// resampling. When `false` every channel is kept, channel-major. Default `true`.
    public var mono: Bool
    /// Start reading at frame `Int(offset × nativeRate)` (truncated), in seconds. Default 0.
    public var offset: Double
    /// Read at most `Int(duration × nativeRate)` frames (truncated), in seconds; `nil` reads to the
    /// end. Default `nil`.
    public var duration: Double?

    public init(sampleRate: Int? = 22050, mono: Bool = true, offset: Double = 0, duration: Double? = nil) {
        self.sampleRate = sampleRate
        self.mono = mono
        self.offset = offset
        self.duration = duration
    }

    /// Throws ``AudioIOError/badParameter(path:name:value:reason:)`` for a negative or non-finite
    /// offset or duration, or a target rate ≤ 0.
    func validate(path: String) throws(AudioIOError) {
        if let sampleRate, sampleRate <= 0 {
            throw .badParameter(path: path, name: "sampleRate", value: "\(sampleRate)", reason: "must be > 0 Hz")
        }
        if !(offset >= 0 && offset.isFinite) {
            throw .badParameter(path: path, name: "offset", value: "\(offset)", reason: "must be a finite number ≥ 0 s")
        }
        if let duration, !(duration >= 0 && duration.isFinite) {
            throw .badParameter(
                path: path, name: "duration", value: "\(duration)", reason: "must be a finite number ≥ 0 s")
        }
    }
}
