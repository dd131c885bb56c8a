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
}
