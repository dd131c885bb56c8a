import Foundation
import TestSupport
import Testing

@testable import AudioIO

/// Inputs `scripts/fuzz.sh decode` found, and the analytic cases behind them: finite samples near
/// the Float32 limit must not come back as Inf/NaN after downmixing or resampling.
@Suite struct FuzzRegressionTests {
    let directory = TemporaryDirectory()

    /// libFuzzer's input: a mono W64 float file at 8000 Hz holding values up to 3.3e38; resampling
    /// it to 22050 Hz overflowed (librosa 0.11 returns NaN for it).
    @Test func resamplingOverflowFromFuzzer() throws {
        let bytes = try Data(contentsOf: Fixtures.url("fuzz/decode-resample-overflow.w64"))
        let native = try AudioFile.load(data: bytes, name: "overflow.w64", options: LoadOptions(sampleRate: nil))
        #expect(native.samples.allSatisfy { $0.isFinite })
        let error = caughtError { try AudioFile.load(data: bytes, name: "overflow.w64") }
        guard case .sampleOverflow(let path, _, let channel)? = error else {
            Issue.record("expected sampleOverflow, got \(String(describing: error))")
            return
        }
        #expect(path == "overflow.w64" && channel == 0)
    }

    /// Two channels of 3e38 at frame 5: their sum overflows, so the mono mean (NumPy's, which
    /// librosa uses, gives Inf too) is refused at exactly that frame; the stereo decode is fine.
    @Test func downmixOverflow() throws {
        var audio = DecodedAudio(samples: [Float](repeating: 0.25, count: 2 * 64), channels: 2, sampleRate: 22050)
        audio.samples[5] = 3e38
        audio.samples[64 + 5] = 3e38
        let url = directory.file("loud.wav")
        try AudioFile.write(audio, to: url, format: .wavFloat)
        #expect(caughtError { try AudioFile.load(url) } == .sampleOverflow(path: url.path, frame: 5, channel: 0))
        let stereo = try AudioFile.load(url, options: LoadOptions(mono: false))
        #expect(stereo.samples == audio.samples)
    }

    /// libFuzzer's input: a 52-frame Akai MPC 2000 file whose header says 2 Hz. Upsampling it to
    /// 22050 Hz sized the resampler's scratch for a whole 65536-frame block at ratio 11025
    /// (2.9 GB) before reading anything; the scratch is now capped and libsoxr drained in turns.
    @Test func tinySampleRateFromFuzzer() throws {
        let bytes = try Data(contentsOf: Fixtures.url("fuzz/decode-2hz-upsampling.mpc2k"))
        let audio = try AudioFile.load(data: bytes, name: "2hz.mpc2k")
        // librosa's length: ceil(52 · 22050 / 2) frames.
        #expect(audio.frames == 573_300 && audio.samples.allSatisfy { $0.isFinite })
        let resampler = try Resampler(inputRate: 2, outputRate: 22050, channels: 1, maxBlockFrames: 65_536, path: "r")
        #expect(resampler.scratchFrames * resampler.channels <= Resampler.maxScratchSamples)
    }

    /// Draining libsoxr through a 1024-frame scratch gives exactly the output of one call per block.
    @Test func cappedScratchGivesTheSameOutput() throws {
        let input = (0..<3 * 20_000).map { Float(sin(Double($0) * 0.37)) * 0.5 }  // 3 channels
        func resample(maxScratchSamples: Int) throws -> [Float] {
            let resampler = try Resampler(
                inputRate: 8000, outputRate: 22050, channels: 3, maxBlockFrames: 4096, path: "r",
                maxScratchSamples: maxScratchSamples)
            var output: [Float] = []
            let append = { (chunk: UnsafePointer<Float>, frames: Int) in
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: frames * 3))
            }
            for first in stride(from: 0, to: 20_000, by: 4096) {
                let frames = min(4096, 20_000 - first)
                try input.withUnsafeBufferPointer {
                    try resampler.process($0.baseAddress! + 3 * first, frames: frames, emit: append)
                }
            }
            try resampler.finish(emit: append)
            return output
        }
        let whole = try resample(maxScratchSamples: Resampler.maxScratchSamples)
        let capped = try resample(maxScratchSamples: 3 * 1024)
        #expect(whole.count == capped.count && whole == capped)
    }

    /// libFuzzer's input: an Ogg Vorbis file libsndfile 1.2.0 rejects as malformed, leaking 5784
    /// bytes inside libvorbis (`vorbis_info_init`) on the way out — libsndfile's leak (it returns no
    /// handle for us to close); ours is only to report the file as malformed, by name.
    @Test func malformedVorbisFromFuzzer() throws {
        let bytes = try Data(contentsOf: Fixtures.url("fuzz/decode-malformed-vorbis.ogg"))
        let error = caughtError { try AudioFile.load(data: bytes, name: "bad.ogg") }
        guard case .malformedHeader("bad.ogg", let reason)? = error else {
            Issue.record("expected malformedHeader, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("malformed"))
    }
}
