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

    @Test func logMelCoherenceIsTheLogMelThenCoherenceInUnitRange() throws {
        let spectral = InputFeature.logMelCoherence.defaultSpectral
        let signal = (0..<11025).map { Float(0.3 * sin(Double($0) * 0.05)) }
        let extractor = try FeatureExtractor(spectral)
        let stacked = try TrackFeatures.compute(signal, kinds: [.logMelCoherence], extractor: extractor)[0].feature
        let logMel = try TrackFeatures.compute(signal, kinds: [.logMel], extractor: extractor)[0].feature
        let values = FeatureMatrix(stacked).real, half = FeatureMatrix(logMel).real.count
        #expect(!stacked.isComplex && !logMel.isComplex)
        #expect(Array(values[..<half]) == FeatureMatrix(logMel).real)
        #expect(values[half...].allSatisfy { (0...1).contains($0) })
    }
}
