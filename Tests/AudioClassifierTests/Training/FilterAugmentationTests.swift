import ClassifierSupport
import ComplexNN
import FeatureExtraction
import Foundation
import Testing

@testable import Models

@Suite struct FilterAugmentationTests {
    /// The curve stays within ±D dB, bends at no more than the 3 interior knots (its second
    /// difference is 0 elsewhere), is reproduced by its seed and differs between seeds.
    @Test func curveIsBoundedPiecewiseLinearAndSeeded() {
        let augmentation = Augmentation(filterDB: 6)
        var curves: Set<[Float]> = []
        for seed: UInt64 in 0..<40 {
            var random = SeededGenerator(seed: seed), again = SeededGenerator(seed: seed)
            let curve = augmentation.filterCurve(rows: 40, using: &random)
            #expect(curve == augmentation.filterCurve(rows: 40, using: &again))
            #expect(curve.count == 40 && curve.allSatisfy { abs($0) <= 6 })
            let bends = (1..<39).filter { abs(curve[$0 - 1] - 2 * curve[$0] + curve[$0 + 1]) > 1e-4 }
            #expect(bends.count <= 3, "seed \(seed): bends at \(bends)")
            curves.insert(curve)
        }
        #expect(curves.count == 40)
    }

    /// One or two level rows still get a curve (the knots are the rows themselves); off, none.
    @Test func shortAndSwitchedOffCurves() {
        var random = SeededGenerator(seed: 5)
        #expect(Augmentation(filterDB: 3).filterCurve(rows: 1, using: &random).count == 1)
        #expect(Augmentation(filterDB: 3).filterCurve(rows: 2, using: &random).count == 2)
        #expect(Augmentation().filterCurve(rows: 40, using: &random).isEmpty)
    }

    /// In a batch, each level row moves by one offset over all its frames — the curve's dB over the
    /// row's training σ — and the other rows (phase coherence here) are untouched.
    @Test func onlyLevelRowsMoveByTheCurveOverSigma() throws {
        let (rows, frames, levelRows) = (6, 10, 0..<3)
        let values = (0..<rows * frames).map { Float($0 % 7) / 7 }
        let track = FeatureMatrix(rows: rows, frames: frames, real: values)
        let normalization = FeatureNormalization(fitting: [track])
        let levels = Augmentation.LevelRows(levelRows, normalization: normalization)
        let set = SegmentSet(
            tracks: [track], labels: [0], layout: SegmentLayout(framesPerSegment: frames, hopFrames: frames),
            levels: levels)
        let augmentation = Augmentation(filterDB: 6)
        var random = SeededGenerator(seed: 9), curveRandom = SeededGenerator(seed: 9)
        let batch = set.batch([0], augmentation: augmentation, random: &random).real
        let curve = augmentation.filterCurve(rows: levelRows.count, using: &curveRandom)
        for r in 0..<rows {
            for t in 0..<frames {
                let expected = levelRows.contains(r) ? curve[r] / normalization.standardDeviation[r] : 0
                #expect(abs(batch[r * frames + t] - values[r * frames + t] - expected) < 1e-5, "row \(r) frame \(t)")
            }
        }
        #expect(curve.contains { $0 != 0 })
    }

    /// The setting is checked: not negative or NaN, and only for features with rows in dB (not
    /// MFCC, which mixes them, nor PCEN, whose rows are not levels in dB).
    @Test func invalidSettingsAreRejectedByKey() throws {
        var c = TrainingConfiguration()
        c.feature = .logMel
        c.augmentation.filterDB = -1
        #expect(throws: ConfigurationError.self) { try c.validate() }
        c.augmentation.filterDB = .nan
        #expect(throws: ConfigurationError.self) { try c.validate() }
        c.augmentation.filterDB = 6
        try c.validate()
        for feature in [InputFeature.mfcc, .pcen, .pcenCoherence] {
            (c.feature, c.spectral) = (feature, feature.defaultSpectral)
            let error = #expect(throws: ConfigurationError.self) { try c.validate() }
            #expect(error?.key == "augment_filter_db")
            #expect(error?.reason.contains("the feature '\(feature.rawValue)' lacks") == true)
        }
    }
}
