import Foundation
import TestSupport
import Testing

/// `audiocls info`, run as a user runs it: the built binary on files this test writes.
@Suite struct InfoCommandTests {
    let directory = TemporaryDirectory()

    /// Writes a 16-bit mono WAV of `frames` frames and returns its path.
    func goodWAV(_ name: String, frames: Int = 800, sampleRate: Int = 8000) throws -> String {
        let url = directory.file(name)
        try WAVBytes.pcm16(WAVBytes.tone(frames: frames, sampleRate: sampleRate), sampleRate: sampleRate).write(to: url)
        return url.path
    }

    /// The table row whose first cell is `path`, split into cells.
    func row(_ output: String, _ path: String) -> [String]? {
        output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.first { $0.first == path }
    }

    func jsonLines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func tableForGoodFiles() throws {
        let wav = try goodWAV("tone.wav")
        let flac = directory.file("fixture.flac").path
        try FileManager.default.copyItem(atPath: Fixtures.url("audio/flac_pcm16_stereo_44100.flac").path, toPath: flac)
        let result = try CommandRunner.run(["info", wav, flac])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("FILE"))
        #expect(row(result.stdout, wav) == [wav, "WAV", "PCM_16", "8000", "1", "800", "0.100", "s"])
        #expect(row(result.stdout, flac) == [flac, "FLAC", "PCM_16", "44100", "2", "13230", "0.300", "s"])
    }

    @Test func jsonLinesMatchTheHeaders() throws {
        let wav = try goodWAV("tone.wav", frames: 2205, sampleRate: 22050)
        let result = try CommandRunner.run(["info", "--json", wav, wav])
        #expect(result.status == 0)
        let objects = try jsonLines(result.stdout)
        #expect(objects.count == 2)
        let first = try #require(objects.first)
        #expect(first["path"] as? String == wav)
        #expect(first["format"] as? String == "WAV" && first["subtype"] as? String == "PCM_16")
        #expect(
            first["sampleRate"] as? Int == 22050 && first["channels"] as? Int == 1 && first["frames"] as? Int == 2205)
        #expect(first["duration"] as? Double == 0.1)
        #expect(first["decode"] == nil)
    }

    /// One bad file per kind, between good ones: every good file is still reported, every bad
    /// one gets its own stderr line naming it, and the exit status is 1.
    @Test func badFilesAreReportedAndDoNotStopTheOthers() throws {
        let first = try goodWAV("first.wav"), last = try goodWAV("last.wav")
        let missing = directory.file("missing.wav").path
        let empty = directory.file("empty.wav").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let noise = directory.file("noise.mp3").path
        try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }).write(
            to: URL(fileURLWithPath: noise))
        let cut = directory.file("cut.wav").path
        try Data(
            try Data(contentsOf: URL(fileURLWithPath: try goodWAV("whole.wav", frames: 1000))).prefix(44 + 2 * 400)
        )
        .write(to: URL(fileURLWithPath: cut))

        let result = try CommandRunner.run(["info", first, missing, empty, noise, cut, last])
        #expect(result.status == 1)
        #expect(row(result.stdout, first) != nil && row(result.stdout, last) != nil)
        // libmpg123 may print its own warnings on stderr while probing the noise; count ours.
        let errors = result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix(directory.url.path) }
        #expect(errors.count == 4)
        #expect(errors.contains("\(missing): no such file"))
        #expect(errors.contains("\(empty): empty file (0 bytes)"))
        #expect(errors.contains { $0.hasPrefix("\(noise): unrecognised or unsupported format: ") })
        #expect(errors.contains("\(cut): truncated data: header says 1000 frames, only 400 could be read"))
    }

    @Test func decodeReportsStatistics() throws {
        let wav = try goodWAV("tone.wav", frames: 8000, sampleRate: 8000)
        let result = try CommandRunner.run(["info", "--json", "--decode", wav])
        #expect(result.status == 0)
        let decode = try #require(try jsonLines(result.stdout).first?["decode"] as? [String: Any])
        #expect(decode["sampleRate"] as? Int == 22050)
        #expect(decode["samples"] as? Int == 22050)  // ceil(8000 × 22050 / 8000)
        let peak = try #require(decode["peak"] as? Double)
        #expect(peak > 0.4 && peak < 0.55)  // a 0.5 tone, 16-bit rounding and resampling ripple
        #expect((decode["seconds"] as? Double ?? -1) >= 0)

        let native = try CommandRunner.run(["info", "--decode", "--sample-rate", "0", wav])
        #expect(native.status == 0)
        #expect(row(native.stdout, wav)?[8...10] == ["8000", "@", "8000"])
    }

    /// The header of a float WAV holding NaN is fine; only decoding finds it.
    @Test func decodeFindsNaN() throws {
        var samples = WAVBytes.tone(frames: 500, sampleRate: 8000)
        samples[321] = .nan
        let url = directory.file("nan.wav")
        try WAVBytes.float32(samples, sampleRate: 8000).write(to: url)
        #expect(try CommandRunner.run(["info", url.path]).status == 0)
        let result = try CommandRunner.run(["info", "--decode", url.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(url.path): non-finite sample (NaN or Inf) at frame 321, channel 0\n")
    }

    @Test func usageErrorsAndHelp() throws {
        let none = try CommandRunner.run(["info"])
        #expect(none.status != 0 && none.status != 1)
        #expect(none.stderr.contains("Missing expected argument"))
        let help = try CommandRunner.run(["info", "--help"])
        #expect(help.status == 0)
        let helpText = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(helpText.contains("Exit status: 0 if every file was read, 1 if any failed."))
        let version = try CommandRunner.run(["--version"])
        #expect(version.stdout == "0.1.0\n")
    }
}
