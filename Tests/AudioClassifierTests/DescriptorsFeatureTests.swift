import Foundation
import NumPyIO
import TestSupport
import Testing

@testable import FeatureExtraction
@testable import Spectral

/// The `descriptors` feature from a signal — audiocls's STFT, mel and MFCC, then contrast, chroma
/// and shape — against the same chain in librosa 0.11 (`scripts/make_descriptor_fixtures.py`).
@Suite struct DescriptorsFeatureTests {
    @Test func theFeatureIsLibrosasRowsStacked() throws {
        let arrays = try Fixtures.npz("spectral/descriptors.npz")
        let spectral = InputFeature.descriptors.defaultSpectral
        #expect(spectral.nMels == 64 && spectral.nMFCC == 20)
        let signal = try arrays["signal"]!.floats()
        let computed = try TrackFeatures.compute(signal, kinds: [.descriptors], extractor: FeatureExtractor(spectral))
        let values = FeatureMatrix(try #require(computed.first?.feature)).real
        let expected = try arrays["descriptors"]!.floats(), shape = arrays["descriptors"]!.shape
        #expect(shape == [InputFeature.descriptors.rows(spectral), 1 + signal.count / spectral.hopLength])
        try #require(values.count == expected.count)
        let frames = shape[1]
        func rows(_ range: Range<Int>, of array: [Float]) -> [Float] {
            Array(array[range.lowerBound * frames..<range.upperBound * frames])
        }
        // Row blocks: log-mel (dB), MFCC, contrast (dB), chroma, centroid, bandwidth, roll-off
        // (Hz), flatness, RMS. Each within 1e-4 of its block's largest value, as the STFTs agree
        // to float32 rounding; a frame's 85 % point may sit on a bin edge, so the roll-off may
        // move by one bin (10.8 Hz) where the two spectra round differently.
        let blocks: [(String, Range<Int>)] = [
            ("log-mel", 0..<64), ("mfcc", 64..<84), ("contrast", 84..<91), ("chroma", 91..<103),
            ("centroid", 103..<104), ("bandwidth", 104..<105), ("flatness", 106..<107), ("rms", 107..<108),
        ]
        for (name, range) in blocks {
            let error = relativeError(rows(range, of: values), rows(range, of: expected))
            #expect(error <= 1e-4, "\(name): \(error)")
        }
        let bin = Float(22050.0 / 2048)
        let rolloff = zip(rows(105..<106, of: values), rows(105..<106, of: expected)).map { abs($0 - $1) }
        #expect(rolloff.allSatisfy { $0 <= bin * 1.0001 }, "\(rolloff)")
    }

    /// At 8000 Hz one octave band of the contrast starts above Nyquist: one row fewer.
    @Test func theRowsFollowTheSampleRate() {
        var spectral = InputFeature.descriptors.defaultSpectral
        #expect(InputFeature.descriptors.rows(spectral) == 64 + 20 + 7 + 12 + 5)
        spectral.sampleRate = 8000
        #expect(InputFeature.descriptors.rows(spectral) == 64 + 20 + 6 + 12 + 5)
    }

    private func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
        zip(actual, expected).reduce(0) { max($0, abs($1.0 - $1.1)) } / (expected.map(abs).max() ?? 1)
    }
}
