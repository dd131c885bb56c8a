import Foundation
import TestSupport
import Testing

@testable import AudioIO

/// The ``AudioIOError`` `body` throws, or `nil` (any other error is recorded as an issue).
func caughtError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> AudioIOError? {
    do {
        _ = try body()
        return nil
    } catch let error as AudioIOError {
        return error
    } catch {
        Issue.record("untyped error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Every kind of bad input gives its own typed error naming the file, from both `info` and
/// `load`; nothing crashes and no NaN comes back. Each file is made here, in a temporary directory.
@Suite struct BadInputTests {
    let directory = TemporaryDirectory()

    /// A valid 16-bit WAV of `frames` stereo frames (header 44 bytes, 4 bytes per frame).
    func wav(_ name: String, frames: Int = 1000, format: AudioFileFormat = .wavPCM16) throws -> URL {
        let url = directory.file(name)
        try AudioFile.write(TestSignals.chord(frames: frames, channels: 2, sampleRate: 22050), to: url, format: format)
        return url
    }

    /// Asserts `info` and `load` both fail with an error `matches` accepts, naming `url`.
    func expectBoth(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation, _ matches: (AudioIOError) -> Bool) {
        for (what, error) in [
            ("info", caughtError { try AudioFile.info(url) }), ("load", caughtError { try AudioFile.load(url) }),
        ] {
            guard let error else {
                Issue.record("\(what) accepted \(url.lastPathComponent)", sourceLocation: sourceLocation)
                continue
            }
            #expect(matches(error), "\(what): \(error)", sourceLocation: sourceLocation)
            #expect(
                error.path == url.path && error.description.hasPrefix(url.path + ": "), sourceLocation: sourceLocation)
        }
    }

    @Test func missingFile() {
        let url = directory.file("nothing.wav")
        expectBoth(url) { $0 == .missingFile(path: url.path) }
    }

    @Test func directoryPath() throws {
        let url = directory.file("folder.wav")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        expectBoth(url) { $0 == .isDirectory(path: url.path) }
    }

    /// Root reads files whatever their mode (and `access()` agrees), so the check can only be
    /// exercised by an unprivileged user.
    @Test(.disabled(if: getuid() == 0, "running as root: mode 000 does not stop root from reading"))
    func permissionDenied() throws {
        let url = try wav("locked.wav")
        chmod(url.path, 0)
        defer { chmod(url.path, 0o644) }
        expectBoth(url) { $0 == .permissionDenied(path: url.path) }
    }

    @Test func emptyFile() throws {
        let url = directory.file("empty.wav")
        try Data().write(to: url)
        expectBoth(url) { $0 == .emptyFile(path: url.path) }
        #expect(caughtError { try AudioFile.load(data: Data(), name: "mem.wav") } == .emptyFile(path: "mem.wav"))
    }

    @Test func truncatedHeader() throws {
        let url = try wav("short-header.wav")
        try Data(try Data(contentsOf: url).prefix(30)).write(to: url)
        expectBoth(url) {
            guard case .malformedHeader(_, let reason) = $0 else { return false }
            return reason.contains("data")  // libsndfile: "Error in WAV file. No 'data' chunk marker."
        }
    }

    /// The header announces 1000 frames; the file is cut after 400. libsndfile quietly trims its
    /// frame count, so the announcement is recovered from its log.
    @Test(arguments: [AudioFileFormat.wavPCM16, .auPCM16, .aiffPCM16, .wavFloat])
    func truncatedData(_ format: AudioFileFormat) throws {
        let url = try wav("cut.\(format.fileExtension)", format: format)
        let bytes = try Data(contentsOf: url)
        let frameBytes = format == .wavFloat ? 8 : 4
        let dataStart = bytes.count - 1000 * frameBytes  // these writers put the samples last
        try Data(bytes.prefix(dataStart + 400 * frameBytes)).write(to: url)
        expectBoth(url) { $0 == .truncatedData(path: url.path, announcedFrames: 1000, readableFrames: 400) }
        #expect(
            caughtError { try AudioFile.load(url) }?.reason
                == "truncated data: header says 1000 frames, only 400 could be read")
    }

    /// FLAC announces its length in STREAMINFO; a cut stream fails while decoding.
    @Test func truncatedFlacStream() throws {
        let url = directory.file("cut.flac")
        try AudioFile.write(TestSignals.chord(frames: 20000, channels: 1, sampleRate: 22050), to: url, format: .flac16)
        let bytes = try Data(contentsOf: url)
        try Data(bytes.prefix(bytes.count / 2)).write(to: url)
        let error = try #require(caughtError { try AudioFile.load(url) })
        guard case .truncatedData(let path, let announced, let readable) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(path == url.path && announced == 20000 && readable < 20000)
    }

    /// A FLAC whose STREAMINFO total-samples field (the low 36 bits of the big-endian 64-bit
    /// word at byte 18) announces `frames`.
    func flacAnnouncing(_ frames: UInt64, name: String) throws -> URL {
        let url = directory.file(name)
        try AudioFile.write(TestSignals.chord(frames: 1000, channels: 1, sampleRate: 22050), to: url, format: .flac16)
        var bytes = [UInt8](try Data(contentsOf: url))
        let word = bytes[18..<26].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let patched = (word & ~((1 << 36) - 1)) | frames
        for i in 0..<8 { bytes[18 + i] = UInt8(truncatingIfNeeded: patched >> (56 - 8 * i)) }
        try Data(bytes).write(to: url)
        return url
    }

    @Test func flacAnnouncingMoreFramesThanItHolds() throws {
        let url = try flacAnnouncing(10_000, name: "long.flac")
        #expect(try AudioFile.info(url).frames == 10_000)
        let error = try #require(caughtError { try AudioFile.load(url) })
        guard case .truncatedData(url.path, 10_000, let readable) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(readable <= 1000)
    }

    /// 2^36 − 1 frames (a 256 GiB output): refused before any allocation or decoding, because it
    /// cannot fit in memory (on a machine with less than 256 GiB; with more, decoding finds the
    /// shortfall — allocation is lazy).
    @Test func flacAnnouncingAnAbsurdLength() throws {
        let url = try flacAnnouncing((1 << 36) - 1, name: "huge.flac")
        let error = try #require(caughtError { try AudioFile.load(url, options: LoadOptions(sampleRate: nil)) })
        switch error {
        case .absurdHeader(url.path, "frames", (1 << 36) - 1, _), .truncatedData(url.path, (1 << 36) - 1, _): break
        default: Issue.record("got \(error)")
        }
    }

    @Test(arguments: ["noise.wav", "noise.flac", "noise.mp3"])
    func randomBytes(_ name: String) throws {
        let url = directory.file(name)
        var generator = SplitMix(seed: 42)
        try Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).write(to: url)
        expectBoth(url) {
            guard case .unsupportedFormat(_, let reason) = $0 else { return false }
            return !reason.isEmpty
        }
    }

    @Test func zeroFrames() throws {
        let url = directory.file("silent.wav")
        try AudioFile.write(DecodedAudio(samples: [], channels: 1, sampleRate: 22050), to: url, format: .wavPCM16)
        #expect(try AudioFile.info(url).frames == 0)
        #expect(caughtError { try AudioFile.load(url) } == .noFrames(path: url.path))
    }

    /// NaN in the first block, +Inf in a later block: the frame index is counted from the start
    /// of the file, across blocks, and an offset does not change it.
    @Test func nonFiniteSamples() throws {
        var audio = TestSignals.chord(frames: 70_000, channels: 2, sampleRate: 22050)
        audio.samples[70_000 + 123] = .nan  // channel 1, frame 123
        let nanURL = directory.file("nan.wav")
        try AudioFile.write(audio, to: nanURL, format: .wavFloat)
        #expect(
            caughtError { try AudioFile.load(nanURL) } == .nonFiniteSample(path: nanURL.path, frame: 123, channel: 1))

        audio.samples[70_000 + 123] = 0
        audio.samples[66_000] = .infinity  // channel 0, frame 66000 (second 65536-frame block)
        let infURL = directory.file("inf.wav")
        try AudioFile.write(audio, to: infURL, format: .wavFloat)
        #expect(
            caughtError { try AudioFile.load(infURL) } == .nonFiniteSample(path: infURL.path, frame: 66_000, channel: 0)
        )
        #expect(
            caughtError { try AudioFile.load(infURL, options: LoadOptions(offset: 1)) }
                == .nonFiniteSample(path: infURL.path, frame: 66_000, channel: 0))
        let bytes = try Data(contentsOf: infURL)
        #expect(
            caughtError { try AudioFile.load(data: bytes, name: "inf-in-memory") }
                == .nonFiniteSample(path: "inf-in-memory", frame: 66_000, channel: 0))
    }

    /// A WAV whose `fmt ` chunk is patched: channels at byte 22 (UInt16), rate at 24 (UInt32).
    func patchedWAV(_ name: String, channels: UInt16? = nil, sampleRate: UInt32? = nil) throws -> URL {
        let url = try wav(name)
        var bytes = [UInt8](try Data(contentsOf: url))
        if let channels { withUnsafeBytes(of: channels.littleEndian) { bytes.replaceSubrange(22..<24, with: $0) } }
        if let sampleRate { withUnsafeBytes(of: sampleRate.littleEndian) { bytes.replaceSubrange(24..<28, with: $0) } }
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: [UInt32(2_000_000), 0x7FFF_FFFF])
    func absurdSampleRate(_ rate: UInt32) throws {
        let url = try patchedWAV("rate-\(rate).wav", sampleRate: rate)
        expectBoth(url) {
            guard case .absurdHeader(_, "sample rate", let value, _) = $0 else { return false }
            return value == Int64(rate)
        }
    }

    /// libsndfile itself refuses a rate of 0 ("SF_INFO struct incomplete"), before our check.
    @Test func zeroSampleRate() throws {
        let url = try patchedWAV("rate-0.wav", sampleRate: 0)
        expectBoth(url) {
            guard case .malformedHeader(_, let reason) = $0 else { return false }
            return !reason.isEmpty
        }
    }

    /// libsndfile refuses more than 1024 channels itself ("Too many channels specified"); our own
    /// check (the same limit) guards the in-memory and future paths and is exercised directly.
    @Test func absurdChannelCount() throws {
        let url = try patchedWAV("channels.wav", channels: 2000)
        expectBoth(url) {
            guard case .malformedHeader(_, let reason) = $0 else { return false }
            return reason.contains("channels")
        }
        for channels in [0, 1025] {
            #expect(
                throws: AudioIOError.absurdHeader(path: "x", field: "channels", value: Int64(channels), limit: "1…1024")
            ) {
                try HeaderChecks.checkPlausible(sampleRate: 44100, channels: channels, frames: 10, path: "x")
            }
        }
    }

    @Test func absurdFrameCount() throws {
        #expect(
            throws: AudioIOError.absurdHeader(
                path: "x", field: "frames", value: 1 << 40, limit: "0…137438953472 for 2 channel(s)")
        ) {
            try HeaderChecks.checkPlausible(sampleRate: 44100, channels: 2, frames: 1 << 40, path: "x")
        }
        try HeaderChecks.checkPlausible(sampleRate: 44100, channels: 2, frames: 44100 * 3600 * 24, path: "x")
    }

    @Test func badParameters() throws {
        let url = try wav("ok.wav")  // 1000 frames at 22050 Hz
        let path = url.path
        let cases: [(LoadOptions, String)] = [
            (LoadOptions(offset: -0.5), "offset"), (LoadOptions(offset: .nan), "offset"),
            (LoadOptions(duration: -1), "duration"), (LoadOptions(duration: .infinity), "duration"),
            (LoadOptions(sampleRate: 0), "sampleRate"), (LoadOptions(sampleRate: -8000), "sampleRate"),
            (LoadOptions(offset: 1), "offset"),  // beyond the 0.045 s of audio
        ]
        for (options, name) in cases {
            let error = caughtError { try AudioFile.load(url, options: options) }
            guard case .badParameter(path, name, _, _)? = error else {
                Issue.record("\(options): \(String(describing: error))")
                continue
            }
        }
    }

    /// Not errors: like librosa, a zero-length window (duration 0, or offset at the very end)
    /// gives no samples.
    @Test func emptyWindowsAreEmpty() throws {
        let url = try wav("ok.wav")  // 1000 frames at 22050 Hz
        for options in [
            LoadOptions(duration: 0), LoadOptions(sampleRate: nil, offset: 1000.0 / 22050),
            LoadOptions(mono: false, duration: 0),
        ] {
            let audio = try AudioFile.load(url, options: options)
            #expect(audio.samples.isEmpty && audio.frames == 0)
        }
    }

    @Test func resamplerFailure() {
        let error = caughtError {
            try Resampler(inputRate: 44100, outputRate: -1, channels: 1, maxBlockFrames: 16, path: "r.wav")
        }
        guard case .resamplerFailure("r.wav", let reason)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
    }

    /// libsndfile's log lines as it writes them for truncated files (see `HeaderChecks`).
    @Test func announcedFramesFromLibsndfileLog() {
        let wavLog = "RIFF : 88236 (should be 29406)\nWAVE\nfmt  : 16\ndata : 88200 (should be 29370)\nEnd\n"
        #expect(
            HeaderChecks.announcedFrames(log: wavLog, frames: 7342, channels: 2, bytesPerSample: 2, riffOnly: false)
                == 22050)
        let rf64Log = "  Riff size : 44196 (should be 22094)\n"
        #expect(
            HeaderChecks.announcedFrames(log: rf64Log, frames: 10999, channels: 1, bytesPerSample: 2, riffOnly: true)
                == 22050)
        let streamed = "data : 4294967295 (should be 1000)\n"
        #expect(
            HeaderChecks.announcedFrames(log: streamed, frames: 250, channels: 2, bytesPerSample: 2, riffOnly: false)
                == nil)
        #expect(
            HeaderChecks.announcedFrames(log: wavLog, frames: 7342, channels: 2, bytesPerSample: nil, riffOnly: false)
                == nil)
    }
}

/// A tiny seeded generator (SplitMix64), so "random" test files are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
