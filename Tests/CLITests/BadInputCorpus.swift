import Foundation

/// The bad-input corpus of the hardening issue, made by code (no committed binaries): damaged,
/// absurd and merely unusual audio files, plus the file-system oddities (a folder named `x.wav`,
/// a symbolic-link loop, a dangling link, an unreadable file, unicode and spaces in names).
///
/// Every case states what the CLI must do with it: ``Expectation/accepted`` (valid audio, however
/// odd: it is described, extracted and predicted) or ``Expectation/rejected(_:)`` (a message on
/// stderr naming the file and containing the given reason; the other files still processed).
///
/// Left out on purpose: the 1-hour file (decoding it in a debug build takes far too long for a unit
/// test; its memory use was measured separately on a release build).
enum BadInputCorpus {
    enum Expectation: Equatable, CustomStringConvertible {
        case accepted
        /// Rejected with a message containing this reason.
        case rejected(String)

        var description: String {
            switch self {
            case .accepted: return "accepted"
            case .rejected(let reason): return "rejected (\(reason))"
            }
        }
    }

    struct Case: Sendable {
        /// File name inside the corpus folder.
        let name: String
        /// How the file is made.
        let how: String
        let expected: Expectation
        /// Writes the case at the URL.
        let make: @Sendable (URL) throws -> Void
    }

    static let rate = 22050

    /// A deterministic byte pattern (64-bit LCG), so "random" files are the same on every run.
    static func noise(count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data(
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            })
    }

    static func write(_ data: Data) -> @Sendable (URL) throws -> Void { { try data.write(to: $0) } }

    static func tone(seconds: Double = 0.3, sampleRate: Int = rate) -> [Float] {
        WAVBytes.tone(frames: Int(seconds * Double(sampleRate)), sampleRate: sampleRate)
    }

    /// A valid mono 16-bit header for `frames` frames, its bytes patched at `offset` with `value`.
    static func patched(_ offset: Int, _ value: some FixedWidthInteger) -> Data {
        var bytes = WAVBytes.pcm16(tone(), sampleRate: rate)
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + $0.count, with: $0) }
        return bytes
    }

    /// Interleaved 16-bit PCM with `channels` channels, channel c a tone at 220·(c+1) Hz.
    static func multichannel(_ channels: Int, frames: Int) -> Data {
        var body = Data()
        for frame in 0..<frames {
            for channel in 0..<channels {
                let x = 0.3 * sin(2 * Double.pi * 220 * Double(channel + 1) * Double(frame) / Double(rate))
                withUnsafeBytes(of: Int16((x * 32767).rounded()).littleEndian) { body.append(contentsOf: $0) }
            }
        }
        return WAVBytes.header(
            format: 1, bitsPerSample: 16, channels: UInt16(channels), sampleRate: rate,
            dataBytes: body.count) + body
    }

    /// Every case. Offsets in the canonical header: 22 channels, 24 sample rate, 40 data size.
    static let cases: [Case] = [
        // Damaged or not audio at all.
        Case(name: "empty.wav", how: "0 bytes", expected: .rejected("empty file (0 bytes)"), make: write(Data())),
        Case(
            name: "truncated-header.wav", how: "the first 30 bytes of a valid WAV",
            expected: .rejected("truncated or malformed header: Error in WAV file. No 'data' chunk marker"),
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate).prefix(30))),
        Case(
            name: "truncated-data.wav", how: "header announces 6615 frames, 1000 bytes follow",
            expected: .rejected("truncated data: header says 6615 frames, only 500 could be read"),
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate).prefix(1044))),
        Case(
            name: "random.wav", how: "4 KiB of seeded random bytes",
            expected: .rejected("unrecognised or unsupported format"),
            make: write(noise(count: 4096, seed: 1))),
        Case(
            name: "random.flac", how: "4 KiB of seeded random bytes",
            expected: .rejected("unrecognised or unsupported format"),
            make: write(noise(count: 4096, seed: 2))),
        Case(
            name: "random.mp3", how: "4 KiB of seeded random bytes",
            expected: .rejected("unrecognised or unsupported format: no decodable audio stream found"),
            make: write(noise(count: 4096, seed: 3))),
        Case(
            name: "text.wav", how: "a line of text", expected: .rejected("unrecognised or unsupported format"),
            make: write(Data("this is not audio\n".utf8))),
        Case(
            name: "riff-not-wave.wav", how: "valid WAV with WAVE replaced by JUNK",
            expected: .rejected("Format not recognised"), make: write(patched(8, UInt32(0x4B4E_554A)))),
        Case(
            name: "random-after-riff.wav", how: "RIFF/WAVE magic, then random bytes",
            expected: .rejected("truncated or malformed header"),
            make: write(Data("RIFF".utf8) + Data([0, 16, 0, 0]) + Data("WAVE".utf8) + noise(count: 4084, seed: 4))),
        // Valid headers with absurd fields.
        Case(
            name: "rate-zero.wav", how: "sample rate field 0",
            expected: .rejected("invalid sample rate or channel count"),
            make: write(patched(24, UInt32(0)))),
        Case(
            name: "rate-4GHz.wav", how: "sample rate field 4 000 000 000",
            expected: .rejected("invalid sample rate or channel count"),
            make: write(patched(24, UInt32(4_000_000_000)))),
        Case(
            name: "channels-zero.wav", how: "channels field 0", expected: .rejected("Channel count is zero"),
            make: write(patched(22, UInt16(0)))),
        Case(
            name: "channels-65535.wav", how: "channels field 65535", expected: .rejected("Too many channels"),
            make: write(patched(22, UInt16.max))),
        Case(
            name: "frames-absurd.wav", how: "data size field 0x7FFFFFF0 (2 GiB) over 0.3 s of samples",
            expected: .rejected("truncated data: header says 1073741816 frames"),
            make: write(patched(40, UInt32(0x7FFF_FFF0)))),
        Case(
            name: "frames-streaming.wav", how: "data size field 0xFFFFFFFF, the placeholder of a streamed WAV",
            expected: .accepted, make: write(patched(40, UInt32.max))),
        Case(
            name: "zero-frames.wav", how: "valid header, 0 data bytes",
            expected: .rejected("no audio frames (0 frames)"),
            make: write(WAVBytes.pcm16([], sampleRate: rate))),
        // Damaged samples.
        Case(
            name: "nan.wav", how: "32-bit float tone with one NaN",
            expected: .rejected("non-finite sample (NaN or Inf) at frame 500"),
            make: write(WAVBytes.float32(tone().enumerated().map { $0 == 500 ? .nan : $1 }, sampleRate: rate))),
        Case(
            name: "inf.wav", how: "32-bit float tone with one +Inf",
            expected: .rejected("non-finite sample (NaN or Inf) at frame 700"),
            make: write(WAVBytes.float32(tone().enumerated().map { $0 == 700 ? .infinity : $1 }, sampleRate: rate))),
        // File-system oddities.
        Case(
            name: "x.wav", how: "a folder", expected: .rejected("is a directory, not an audio file"),
            make: { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false) }),
        Case(
            name: "loop-a.wav", how: "symbolic link to loop-b.wav, which links back",
            expected: .rejected("cannot open: Too many levels of symbolic links"),
            make: { url in
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "loop-b.wav")
                try FileManager.default.createSymbolicLink(
                    atPath: url.deletingLastPathComponent().appendingPathComponent("loop-b.wav").path,
                    withDestinationPath: "loop-a.wav")
            }),
        Case(
            name: "dangling.wav", how: "symbolic link to a file that does not exist",
            expected: .rejected("no such file"),
            make: { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: "gone.wav") }),
        // Valid, if unusual, audio.
        Case(
            name: "tone.wav", how: "0.3 s 16-bit tone", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate))),
        Case(
            name: "silence.wav", how: "0.3 s of zeros", expected: .accepted,
            make: write(WAVBytes.pcm16(Array(repeating: 0, count: 6615), sampleRate: rate))),
        Case(
            name: "dc.wav", how: "0.3 s of constant 0.5", expected: .accepted,
            make: write(WAVBytes.pcm16(Array(repeating: 0.5, count: 6615), sampleRate: rate))),
        Case(
            name: "clipped.wav", how: "full-scale ±1 square wave, 16-bit", expected: .accepted,
            make: write(WAVBytes.pcm16((0..<6615).map { $0 / 50 % 2 == 0 ? 1 : -1 }, sampleRate: rate))),
        Case(
            name: "over-full-scale.wav", how: "32-bit float tone ×8 (peaks at 4, beyond full scale)",
            expected: .accepted,
            make: write(WAVBytes.float32(tone().map { $0 * 8 }, sampleRate: rate))),
        Case(
            name: "eight-channels.wav", how: "8 channels, 0.3 s", expected: .accepted,
            make: write(multichannel(8, frames: 6615))),
        Case(
            name: "8kHz.wav", how: "0.3 s at 8000 Hz", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(sampleRate: 8000), sampleRate: 8000))),
        Case(
            name: "192kHz.wav", how: "0.3 s at 192000 Hz", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(sampleRate: 192_000), sampleRate: 192_000))),
        Case(
            name: "one-sample.wav", how: "1 frame", expected: .accepted,
            make: write(WAVBytes.pcm16([0.25], sampleRate: rate))),
        Case(
            name: "short-100.wav", how: "100 frames (shorter than one 2048-sample FFT frame)", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(seconds: 100.0 / Double(rate)), sampleRate: rate))),
        Case(
            name: "short-2047.wav", how: "2047 frames (one less than an FFT frame)", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(seconds: 2047.0 / Double(rate)), sampleRate: rate))),
        Case(
            name: "Grüße ♫ café.wav", how: "tone under a unicode name", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate))),
        Case(
            name: "name with  spaces.wav", how: "tone under a name with spaces", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate))),
        Case(
            name: "UPPER.WAV", how: "tone with an upper-case extension", expected: .accepted,
            make: write(WAVBytes.pcm16(tone(), sampleRate: rate))),
    ]

    /// A file with permissions 000: unreadable except by root, for whom the kernel ignores them.
    static let unreadable = Case(
        name: "unreadable.wav", how: "valid tone, chmod 000", expected: .rejected("permission denied"),
        make: { url in
            try WAVBytes.pcm16(tone(), sampleRate: rate).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
        })

    /// True when this process runs as root, so chmod 000 blocks nothing.
    static var isRoot: Bool { getuid() == 0 }

    /// Writes every case into `folder` (created) and returns them; the unreadable file only when not
    /// root, since as root it is readable and the case would test nothing.
    @discardableResult
    static func write(into folder: URL) throws -> [Case] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let all = cases + (isRoot ? [] : [unreadable])
        for item in all { try item.make(folder.appendingPathComponent(item.name)) }
        return all
    }
}
