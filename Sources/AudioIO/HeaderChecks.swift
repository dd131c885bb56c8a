import Foundation

/// Checks on what a header announces, made before any sample is decoded.
enum HeaderChecks {
    /// Largest plausible sample rate, in Hz.
    static let maxSampleRate = 1_000_000
    /// Largest plausible channel count (libsndfile's own `SF_MAX_CHANNELS`).
    static let maxChannels = 1024
    /// Largest plausible total sample count (channels × frames): 2^38, i.e. 1 TiB as Float32.
    static let maxSamples: Int64 = 1 << 38

    /// Throws ``AudioIOError/absurdHeader(path:field:value:limit:)`` for a rate, channel count or
    /// size no real recording has.
    static func checkPlausible(sampleRate: Int, channels: Int, frames: Int64, path: String) throws(AudioIOError) {
        if sampleRate <= 0 || sampleRate > maxSampleRate {
            throw .absurdHeader(
                path: path, field: "sample rate", value: Int64(sampleRate), limit: "1…\(maxSampleRate) Hz")
        }
        if channels <= 0 || channels > maxChannels {
            throw .absurdHeader(path: path, field: "channels", value: Int64(channels), limit: "1…\(maxChannels)")
        }
        if frames < 0 || frames > maxSamples / Int64(channels) {
            throw .absurdHeader(
                path: path, field: "frames", value: frames,
                limit: "0…\(maxSamples / Int64(channels)) for \(channels) channel(s)")
        }
    }

    /// The frame count the header announced, when libsndfile's log shows it trimmed the data
    /// length to what the file holds (lines like `data : 88200 (should be 29370)`), else `nil`.
    ///
    /// Only the data-chunk lines count (`data`, `SSND`, `Data Size`, and for W64/RF64, whose logs
    /// only show it, the `riff` size), and only for uncompressed subtypes, where bytes fix frames.
    /// Placeholder sizes of streamed files (≥ 0xFFFFFFF0) are not taken as announcements.
    static func announcedFrames(log: String, frames: Int64, channels: Int, bytesPerSample: Int64?, riffOnly: Bool)
        -> Int64?
    {
        // Every line this looks for says "should be": most logs (a clean header) have none, and
        // skip the line-by-line parse, which costs more than decoding a short clip.
        guard let bytesPerSample, Self.mentionsTrimming(log) else { return nil }
        let labels: Set<String> = riffOnly ? ["riff", "Riff size"] : ["data", "SSND", "Data Size"]
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, labels.contains(parts[0].trimmingCharacters(in: .whitespaces)) else { continue }
            let numbers = parts[1].split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
            guard parts[1].contains("should be"), numbers.count == 2 else { continue }
            let (claimed, actual) = (numbers[0], numbers[1])
            guard claimed > actual, claimed < 0xFFFF_FFF0 else { continue }
            // The announced size is whole frames, so the missing bytes complete any partial
            // frame at the cut: round up.
            let frameBytes = bytesPerSample * Int64(channels)
            return frames + (claimed - actual + frameBytes - 1) / frameBytes
        }
        return nil
    }

    /// Whether `log` contains "should be", by a plain byte scan (the generic substring search
    /// costs more than the rest of opening a file).
    private static func mentionsTrimming(_ log: String) -> Bool {
        let needle = Array("should be".utf8)
        var log = log
        return log.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
    }
}
