/// What a file's header says about its audio (read without decoding it).
public struct AudioInfo: Codable, Sendable, Equatable {
    /// The file path, or the name given to in-memory audio.
    public var path: String
    /// The container format as python-soundfile names it: `WAV`, `WAVEX`, `FLAC`, `OGG`, `MP3`,
    /// `AU`, `AIFF`, `CAF`, `RF64`, `W64`, …
    public var format: String
    /// The sample encoding as python-soundfile names it: `PCM_16`, `PCM_24`, `FLOAT`, `DOUBLE`,
    /// `VORBIS`, `OPUS`, `MPEG_LAYER_III`, …
    public var subtype: String
    /// Native sample rate in Hz.
    public var sampleRate: Int
    /// Number of channels.
    public var channels: Int
    /// Number of frames (samples per channel).
    public var frames: Int64
    /// `frames / sampleRate`, in seconds.
    public var duration: Double

    public init(path: String, format: String, subtype: String, sampleRate: Int, channels: Int, frames: Int64) {
        self.path = path
        self.format = format
        self.subtype = subtype
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.duration = sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
    }
}
