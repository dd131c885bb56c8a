import CSndfile
import Foundation

/// Writes channel-major Float32 samples through libsndfile, atomically: into a temporary file
/// beside the destination, renamed over it only once complete.
enum AudioWriter {
    /// Frames interleaved and written per libsndfile call.
    static let blockFrames = 65_536

    static func write(_ audio: DecodedAudio, to url: URL, format: AudioFileFormat) throws(AudioIOError) {
        let path = url.path
        guard audio.sampleRate > 0, audio.sampleRate <= HeaderChecks.maxSampleRate else {
            throw .badParameter(
                path: path, name: "sampleRate", value: "\(audio.sampleRate)",
                reason: "must be 1…\(HeaderChecks.maxSampleRate) Hz")
        }
        if format != .wavFloat, let index = audio.samples.firstIndex(where: { !$0.isFinite }) {
            throw .badParameter(
                path: path, name: "samples[\(index)]", value: "\(audio.samples[index])",
                reason: "non-finite samples can only be stored in \(AudioFileFormat.wavFloat.rawValue)")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do throws(AudioIOError) {
            let handle = try SndfileHandle.create(
                temporary, format: format.sndfileCode, sampleRate: audio.sampleRate, channels: audio.channels)
            try writeInterleaved(audio, to: handle)
            try handle.close()
            guard rename(temporary.path, path) == 0 else {
                throw AudioIOError.writeFailed(
                    path: path, reason: "renaming the temporary file: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error.renamed(to: path)
        }
    }

    private static func writeInterleaved(_ audio: DecodedAudio, to handle: SndfileHandle) throws(AudioIOError) {
        let channels = audio.channels, frames = audio.frames
        var block = [Float](repeating: 0, count: min(blockFrames, max(frames, 1)) * channels)
        var start = 0
        while start < frames {
            let count = min(blockFrames, frames - start)
            for frame in 0..<count {
                for channel in 0..<channels {
                    block[frame * channels + channel] = audio.samples[channel * frames + start + frame]
                }
            }
            try block.withUnsafeBufferPointer { (buffer) throws(AudioIOError) in
                try handle.writeFrames(buffer.baseAddress!, count: count)
            }
            start += count
        }
    }
}

extension AudioIOError {
    /// A write error about the temporary file, re-addressed to the destination the caller named.
    fileprivate func renamed(to path: String) -> AudioIOError {
        if case .writeFailed(_, let reason) = self { return .writeFailed(path: path, reason: reason) }
        return self
    }
}

extension AudioFileFormat {
    /// libsndfile's `SF_FORMAT_*` major | subtype code.
    fileprivate var sndfileCode: Int32 {
        switch self {
        case .wavPCM16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wavPCM24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .flac24: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        case .oggVorbis: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        case .auPCM16: return Int32(SF_FORMAT_AU | SF_FORMAT_PCM_16)
        case .aiffPCM16: return Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16)
        }
    }
}
