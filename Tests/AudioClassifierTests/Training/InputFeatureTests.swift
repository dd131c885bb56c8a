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
        let arrays = try TrackFeatures.compute(signal, kinds: [feature.kind], extractor: FeatureExtractor(spectral))
        let array = try #require(arrays.first?.array)
        #expect(arrays.map(\.name) == [feature.rawValue])
        #expect(array.shape == [feature.rows(spectral), 1 + signal.count / spectral.hopLength])
        #expect(array.dtype.isComplex == feature.isComplex)
        #expect(array.isFinite)
    }

    @Test func logMelCoherenceIsTheLogMelThenCoherenceInUnitRange() throws {
        let spectral = InputFeature.logMelCoherence.defaultSpectral
        let signal = (0..<11025).map { Float(0.3 * sin(Double($0) * 0.05)) }
        let extractor = try FeatureExtractor(spectral)
        let stacked = try TrackFeatures.compute(signal, kinds: [.logMelCoherence], extractor: extractor)[0].array
        let logMel = try TrackFeatures.compute(signal, kinds: [.logMel], extractor: extractor)[0].array
        let values = try stacked.floats(), half = try logMel.floats().count
        #expect(Array(values[..<half]) == (try logMel.floats()))
        #expect(values[half...].allSatisfy { (0...1).contains($0) })
    }
}
