import Foundation
import Spectral
import Testing

@testable import FeatureExtraction

/// Every model input as the feature store writes it: the rows and the real/complex type that
/// ``InputFeature/rows(_:)`` and ``InputFeature/isComplex`` promise the networks.
@Suite struct InputFeatureTests {
    @Test(arguments: InputFeature.allCases)
    func theStoredArrayHasTheRowsAndTypeTheModelExpects(feature: InputFeature) throws {
        let spectral = feature.defaultSpectral
        let signal = (0..<11025).map { Float(0.3 * sin(Double($0) * 0.05) + 0.1 * sin(Double($0) * 0.71)) }
        let features = try TrackFeatures.compute(signal, kinds: [feature.kind], extractor: FeatureExtractor(spectral))
        let computed = try #require(features.first?.feature)
        #expect(features.map(\.name) == [feature.rawValue])
        #expect(computed.shape == [feature.rows(spectral), 1 + signal.count / spectral.hopLength])
        #expect(computed.isComplex == feature.isComplex)
        #expect(computed.isFinite)
    }

    /// `logmel-coherence` is the `logmel` rows, `pcen-coherence` the `pcen` rows and
    /// `descriptors-coherence` the `descriptors` rows, each followed by the coherence in [0, 1] —
    /// the same rows in both.
    @Test(arguments: [
        (InputFeature.logMelCoherence, InputFeature.logMel), (.pcenCoherence, .pcen),
        (.descriptorsCoherence, .descriptors),
    ])
    func coherenceFollowsItsMagnitudeRows(stackedInput: InputFeature, magnitudeInput: InputFeature) throws {
        let spectral = stackedInput.defaultSpectral
        let signal = (0..<11025).map { Float(0.3 * sin(Double($0) * 0.05)) }
        let extractor = try FeatureExtractor(spectral)
        let stacked = try TrackFeatures.compute(signal, kinds: [stackedInput.kind], extractor: extractor)[0].feature
        let magnitude = try TrackFeatures.compute(signal, kinds: [magnitudeInput.kind], extractor: extractor)[0].feature
        let values = FeatureMatrix(stacked).real, magnitudeCount = FeatureMatrix(magnitude).real.count
        #expect(!stacked.isComplex && !magnitude.isComplex)
        #expect(Array(values[..<magnitudeCount]) == FeatureMatrix(magnitude).real)
        #expect(values[magnitudeCount...].allSatisfy { (0...1).contains($0) })
        let coherence = try extractor.phaseCoherence(from: extractor.stft(signal))
        #expect(Array(values[magnitudeCount...]) == coherence.values)
    }
}
