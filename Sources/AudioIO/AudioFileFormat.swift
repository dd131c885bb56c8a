/// The formats ``AudioFile/write(_:to:format:)`` produces.
public enum AudioFileFormat: String, CaseIterable, Sendable, Codable {
    /// WAV, signed 16-bit PCM.
    case wavPCM16 = "wav-pcm16"
    /// WAV, signed 24-bit PCM.
    case wavPCM24 = "wav-pcm24"
    /// WAV, 32-bit IEEE float (the only format that stores samples beyond ±1 or non-finite ones unchanged).
    case wavFloat = "wav-float"
    /// FLAC, 16-bit.
    case flac16 = "flac16"
    /// FLAC, 24-bit.
    case flac24 = "flac24"
    /// Ogg Vorbis (lossy, libsndfile's default quality).
    case oggVorbis = "ogg-vorbis"
    /// Sun/NeXT AU, 16-bit PCM (GTZAN's format).
    case auPCM16 = "au-pcm16"
    /// AIFF, 16-bit PCM.
    case aiffPCM16 = "aiff-pcm16"

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .wavPCM16, .wavPCM24, .wavFloat: return "wav"
        case .flac16, .flac24: return "flac"
        case .oggVorbis: return "ogg"
        case .auPCM16: return "au"
        case .aiffPCM16: return "aiff"
        }
    }
}
