import AudioIO
import Foundation
import TestSupport
import Testing

/// `AudioFile.write` then `AudioFile.load`/`info` give back the header and the samples, to the
/// precision of each format.
@Suite struct WriteRoundTripTests {
    /// Format, expected soundfile names, and the largest error its encoding may add: half a
    /// quantisation step for integer PCM rounding plus libsndfile's asymmetric scaling
    /// (write ×(2^(b−1)−1), read ÷2^(b−1)), i.e. below 2 steps; exact for float.
    static let lossless: [(AudioFileFormat, String, String, Float)] = [
        (.wavPCM16, "WAV", "PCM_16", 2 / 32768), (.wavPCM24, "WAV", "PCM_24", 2 / 8_388_608),
        (.wavFloat, "WAV", "FLOAT", 0), (.flac16, "FLAC", "PCM_16", 2 / 32768),
        (.flac24, "FLAC", "PCM_24", 2 / 8_388_608), (.auPCM16, "AU", "PCM_16", 2 / 32768),
        (.aiffPCM16, "AIFF", "PCM_16", 2 / 32768),
    ]

    @Test(arguments: lossless)
    func losslessRoundTrip(_ format: AudioFileFormat, _ name: String, _ subtype: String, _ tolerance: Float) throws {
        let directory = TemporaryDirectory()
        let url = directory.file("x.\(format.fileExtension)")
        let written = TestSignals.chord(frames: 3000, channels: 2, sampleRate: 44100)
        try AudioFile.write(written, to: url, format: format)

        let info = try AudioFile.info(url)
        #expect(info.format == name && info.subtype == subtype)
        #expect(info.sampleRate == 44100 && info.channels == 2 && info.frames == 3000)
        let read = try AudioFile.load(url, options: LoadOptions(sampleRate: nil, mono: false))
        #expect(read.channels == 2 && read.sampleRate == 44100)
        let diff = maxAbsDifference(read.samples, written.samples)
        #expect(diff <= tolerance, "max |Δ| \(diff)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["x.\(format.fileExtension)"],
            "no temporary file is left behind")
    }

    /// Vorbis is lossy: the header must round-trip and the signal must survive with > 30 dB SNR
    /// (measured: 38.8 dB for this chord at libsndfile's default quality).
    @Test func vorbisRoundTrip() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("x.ogg")
        let written = TestSignals.chord(frames: 22050, channels: 2, sampleRate: 44100)
        try AudioFile.write(written, to: url, format: .oggVorbis)
        let info = try AudioFile.info(url)
        #expect(info.format == "OGG" && info.subtype == "VORBIS" && info.channels == 2 && info.frames == 22050)
        let read = try AudioFile.load(url, options: LoadOptions(sampleRate: nil, mono: false))
        try #require(read.samples.count == written.samples.count)
        let noise = zip(read.samples, written.samples).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        let signal = written.samples.reduce(0.0) { $0 + Double($1 * $1) }
        let snr = 10 * log10(signal / noise)
        #expect(snr > 30, "SNR \(snr) dB")
    }

    @Test func integerPCMClipsInsteadOfWrapping() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("loud.wav")
        try AudioFile.write(
            DecodedAudio(samples: [1.5, -1.5, 0.25], channels: 1, sampleRate: 8000), to: url, format: .wavPCM16)
        let read = try AudioFile.load(url, options: LoadOptions(sampleRate: nil))
        #expect(read.samples[0] > 0.999 && read.samples[1] <= -0.999)
        #expect(abs(read.samples[2] - 0.25) < 1e-4)
    }

    @Test func replacesAnExistingFileAtomically() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("x.wav")
        try AudioFile.write(TestSignals.chord(frames: 100, channels: 1, sampleRate: 8000), to: url, format: .wavPCM16)
        try AudioFile.write(TestSignals.chord(frames: 50, channels: 2, sampleRate: 16000), to: url, format: .wavFloat)
        let info = try AudioFile.info(url)
        #expect(info.frames == 50 && info.channels == 2 && info.subtype == "FLOAT")
    }

    @Test func writeErrorsNameTheDestination() throws {
        let directory = TemporaryDirectory()
        let audio = TestSignals.chord(frames: 10, channels: 1, sampleRate: 8000)
        let missing = directory.file("no/such/dir/x.wav")
        #expect(throws: AudioIOError.self) { try AudioFile.write(audio, to: missing, format: .wavPCM16) }
        do {
            try AudioFile.write(audio, to: missing, format: .wavPCM16)
        } catch {
            guard case .writeFailed(let path, _) = error else { Issue.record("got \(error)"); return }
            #expect(path == missing.path && error.description.hasPrefix(missing.path))
        }
        let nan = DecodedAudio(samples: [0, .nan], channels: 1, sampleRate: 8000)
        let url = directory.file("nan.flac")
        #expect(
            throws: AudioIOError.badParameter(
                path: url.path, name: "samples[1]", value: "nan",
                reason: "non-finite samples can only be stored in wav-float")
        ) {
            try AudioFile.write(nan, to: url, format: .flac16)
        }
        let zeroRate = DecodedAudio(samples: [0], channels: 1, sampleRate: 0)
        #expect(throws: AudioIOError.self) { try AudioFile.write(zeroRate, to: url, format: .flac16) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
