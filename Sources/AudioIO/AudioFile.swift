import Foundation

/// Reading and writing audio files: the entry points of AudioIO.
public enum AudioFile {
    /// The header of the file at `url` (nothing is decoded). Throws ``AudioIOError`` for a
    /// missing, unreadable, empty, unrecognised, malformed or truncated file.
    public static func info(_ url: URL) throws(AudioIOError) -> AudioInfo {
        try SndfileHandle.open(.file(url)).info
    }

    /// The header of encoded audio held in memory; `name` stands in for a path in errors.
    public static func info(data: Data, name: String) throws(AudioIOError) -> AudioInfo {
        try SndfileHandle.open(.memory(data, name: name)).info
    }

    /// Decodes the file at `url` like `librosa.load(path, sr=, mono=, offset=, duration=)`
    /// (librosa 0.11, `res_type="soxr_hq"`): Float32, mono at 22050 Hz by default. See
    /// ``LoadOptions`` for the parameters and ``DecodedAudio`` for the layout.
    public static func load(_ url: URL, options: LoadOptions = LoadOptions()) throws(AudioIOError) -> DecodedAudio {
        try AudioDecoder.decode(SndfileHandle.open(.file(url)), options: options)
    }

    /// Decodes encoded audio held in memory, exactly as ``load(_:options:)`` decodes a file;
    /// `name` stands in for a path in errors.
    public static func load(data: Data, name: String, options: LoadOptions = LoadOptions()) throws(AudioIOError)
        -> DecodedAudio
    {
        try AudioDecoder.decode(SndfileHandle.open(.memory(data, name: name)), options: options)
    }

    /// Writes `audio` (channel-major, any channel count) to `url` in `format`, atomically
    /// (temporary file + rename). Integer PCM clips beyond ±1; non-finite samples are refused
    /// except by ``AudioFileFormat/wavFloat``.
    public static func write(_ audio: DecodedAudio, to url: URL, format: AudioFileFormat) throws(AudioIOError) {
        try AudioWriter.write(audio, to: url, format: format)
    }
}
