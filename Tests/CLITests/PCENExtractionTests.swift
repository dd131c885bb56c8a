import Foundation
import NumPyIO
import TestSupport
import Testing

/// `audiocls extract features --features pcen` on the inputs an automatic gain control must
/// survive: silence, a clip far above full scale, and a sudden 40 dB level step.
@Suite struct PCENExtractionTests {
    let directory = TemporaryDirectory()
    static let sampleRate = 22050

    /// Uniform noise in [−amplitude, amplitude), the same every run (a 64-bit LCG).
    static func noise(seconds: Double, amplitude: (Int) -> Float) -> [Float] {
        var state: UInt64 = 2510
        return (0..<Int(seconds * Double(sampleRate))).map { i in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return amplitude(i) * (Float(state >> 40) / Float(1 << 23) - 1)
        }
    }

    /// The `pcen` array `[128, frames]` of each WAV written from `clips`, by name.
    func extract(_ clips: [String: Data]) throws -> [String: [[Float]]] {
        let input = directory.file("clips"), out = directory.file("features")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (name, bytes) in clips { try bytes.write(to: input.appendingPathComponent("\(name).wav")) }
        let result = try CommandRunner.run(["extract", "features", input.path, "--out", out.path, "--features", "pcen"])
        try #require(result.status == 0, "\(result.stderr)")
        return try clips.keys.reduce(into: [:]) { rows, name in
            let array = try #require(try NPZArchive.read(out.appendingPathComponent("\(name).npz"))["pcen"])
            #expect(array.dtype == .float32 && array.shape[0] == 128, "\(name): \(array.shape)")
            let values = try array.floats(), frames = array.shape[1]
            rows[name] = (0..<128).map { Array(values[$0 * frames..<($0 + 1) * frames]) }
        }
    }

    /// Finite, non-negative and below 10 everywhere: with librosa's defaults (gain 0.98, bias 2,
    /// power ½) and b = 0.0564 (T = 0.4 s · 22050 / 512 frames), the smoothed energy M ≥ b·S gives
    /// S / M^0.98 ≤ S^0.02 / b^0.98 < 99 for any Float S, so PCEN = √2·(√(1 + S/M^0.98/2) − 1) < 10.
    /// Silence is 0; after a step up by 40 dB the gain control overshoots, then brings the bands
    /// back to their level before the step (librosa's own figures on this signal: a peak 7× the
    /// steady mean, steady means within 0.2 %).
    @Test func silenceALoudClipAndALevelStepStayFiniteAndBounded() throws {
        let step = 3 * Self.sampleRate
        let rows = try extract([
            "silence": WAVBytes.pcm16([Float](repeating: 0, count: 2 * Self.sampleRate), sampleRate: Self.sampleRate),
            "loud": WAVBytes.float32(Self.noise(seconds: 2) { _ in 1e4 }, sampleRate: Self.sampleRate),
            "step": WAVBytes.pcm16(Self.noise(seconds: 6) { $0 < step ? 0.005 : 0.5 }, sampleRate: Self.sampleRate),
        ])
        for (name, bands) in rows {
            let values = bands.joined()
            #expect(values.allSatisfy { $0.isFinite && $0 >= 0 && $0 < 10 }, "\(name): \(values.max() ?? .nan)")
        }
        #expect(try #require(rows["silence"]).joined().allSatisfy { $0 == 0 })
        #expect(try #require(rows["loud"]).joined().contains { $0 > 0.1 })
        let bands = try #require(rows["step"])
        func mean(seconds: Range<Double>) -> Float {
            let frames = Int(seconds.lowerBound * 22050 / 512)..<Int(seconds.upperBound * 22050 / 512)
            return bands.map { $0[frames].reduce(0, +) }.reduce(0, +) / Float(bands.count * frames.count)
        }
        let (before, after) = (mean(seconds: 2..<3), mean(seconds: 5..<6))
        let overshoot = bands.map { $0[Int(3 * 22050 / 512.0)..<Int(3.2 * 22050 / 512)].max()! }.max()!
        #expect(overshoot > 3 * before, "\(overshoot) after the step, \(before) before")
        #expect(abs(after / before - 1) < 0.05, "steady \(before) before the step, \(after) after")
    }
}
