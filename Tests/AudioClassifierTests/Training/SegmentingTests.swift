import ComplexNN
import Foundation
import Testing

@testable import ClassifierSupport
@testable import FeatureExtraction
@testable import Models

@Suite struct SegmentingTests {
    @Test func paperSettingsGiveTenSegmentsOf129FramesPer30Seconds() throws {
        let segmenting = try Segmenting(segmentSeconds: 3, hopSeconds: 3)
        let layout = segmenting.layout(sampleRate: 22050, hopLength: 512)
        #expect(layout.framesPerSegment == 129)  // ⌊3 · 22050 / 512⌋ = ⌊129.2⌋
        let trackFrames = 1 + 30 * 22050 / 512  // centred STFT of 30 s: 1292 frames
        // Ten regular segments, then one ending at the last frame covers the 2 frames left over.
        #expect(layout.segmentStarts(frameCount: trackFrames) == (0..<10).map { $0 * 129 } + [1292 - 129])
    }

    @Test func theStandardIsThreeSecondsEveryOneAndAHalf() throws {
        let standard = Segmenting.standard
        #expect(standard.segmentSeconds == 3 && standard.hopSeconds == 1.5 && standard.coversRemainder)
        #expect(standard == (try Segmenting()) && TrainingConfiguration().segmenting == standard)
    }

    @Test func defaultHopIsHalfASegmentAndEveryFrameIsCovered() throws {
        let layout = try Segmenting().layout(sampleRate: 22050, hopLength: 512)
        #expect(layout.hopFrames == 64)  // ⌊1.5 · 22050 / 512⌋ = ⌊64.6⌋
        let frames = 1 + 5 * 22050 / 512  // a 5 s clip: 216 frames
        let starts = layout.segmentStarts(frameCount: frames)
        #expect(starts == [0, 64, 87])  // 0, 64 fit whole; 87 = 216 − 129 ends at the last frame
        let covered = Set(starts.flatMap { $0..<($0 + layout.framesPerSegment) })
        #expect(covered == Set(0..<frames))
    }

    @Test func oldBundlesKeepNonOverlappingSegmentsWithTheRemainderDropped() throws {
        let old = try JSONDecoder().decode(Segmenting.self, from: Data(#"{"segmentSeconds": 3}"#.utf8))
        #expect(old.hopSeconds == nil && !old.coversRemainder)
        let layout = old.layout(sampleRate: 22050, hopLength: 512)
        #expect(layout.segmentStarts(frameCount: 1292) == (0..<10).map { $0 * 129 })
        let roundTrip = try JSONDecoder().decode(Segmenting.self, from: JSONEncoder().encode(try Segmenting()))
        #expect(roundTrip == (try Segmenting()))
    }

    @Test func shortTracksGiveOnePaddedSegment() {
        let dropped = SegmentLayout(framesPerSegment: 10)
        #expect(dropped.segmentStarts(frameCount: 25) == [0, 10])
        #expect(
            SegmentLayout(framesPerSegment: 10, coversRemainder: true).segmentStarts(frameCount: 25) == [0, 10, 15])
        #expect(dropped.segmentStarts(frameCount: 4) == [0])
        let short = FeatureMatrix(rows: 2, frames: 3, real: [1, 2, 3, 4, 5, 6], imaginary: [-1, -2, -3, -4, -5, -6])
        let set = SegmentSet(tracks: [short], labels: [0], layout: SegmentLayout(framesPerSegment: 5))
        var random = SeededGenerator(seed: 0)
        let batch = set.batch([0], random: &random)
        #expect(batch.shape == [1, 1, 2, 5])
        #expect(batch.real == [1, 2, 3, 0, 0, 4, 5, 6, 0, 0])
        #expect(batch.imaginary == [-1, -2, -3, 0, 0, -4, -5, -6, 0, 0])
    }

    @Test func batchesCopyTheRightWindowOfTheRightTrack() {
        let a = FeatureMatrix(rows: 2, frames: 4, real: [0, 1, 2, 3, 10, 11, 12, 13])
        let b = FeatureMatrix(rows: 2, frames: 2, real: [20, 21, 30, 31])
        let set = SegmentSet(tracks: [a, b], labels: [1, 0], layout: SegmentLayout(framesPerSegment: 2))
        #expect(set.segments == [.init(track: 0, start: 0), .init(track: 0, start: 2), .init(track: 1, start: 0)])
        #expect(set.segmentLabels == [1, 1, 0])
        var random = SeededGenerator(seed: 0)
        #expect(set.batch([2, 1], random: &random).real == [20, 21, 30, 31, 2, 3, 12, 13])
    }

    @Test func nonPositiveSegmentLengthIsRejected() {
        #expect(throws: ConfigurationError(key: "segment_seconds", value: "0.0", reason: "must be positive")) {
            try Segmenting(segmentSeconds: 0)
        }
        #expect(throws: ConfigurationError(key: "segment_hop", value: "-1.0", reason: "must be positive")) {
            try Segmenting(segmentSeconds: 3, hopSeconds: -1)
        }
    }
}

@Suite struct AugmentationTests {
    @Test func shiftStaysInsideTheTrackAndCoversTheRange() {
        let augmentation = Augmentation(shiftFrames: 3)
        var random = SeededGenerator(seed: 1)
        let starts = (0..<400).map { _ in
            augmentation.shiftedStart(4, frameCount: 12, framesPerSegment: 5, using: &random)
        }
        #expect(Set(starts) == Set(1...7))  // 4 ± 3, all inside 0…12−5
        let clamped = (0..<100).map { _ in
            augmentation.shiftedStart(0, frameCount: 6, framesPerSegment: 5, using: &random)
        }
        #expect(Set(clamped) == [0, 1])
    }

    /// The measured ratio of segment power to added noise power is the requested SNR; 4096 values
    /// estimate the noise power to within a few percent (±0.3 dB asserted).
    @Test func noiseHasTheRequestedSignalToNoiseRatio() {
        let original = (0..<4096).map { Float(($0 % 7) - 3) }
        for snr: Float in [0, 10, 20] {
            var real = original[...]
            var imaginary: ArraySlice<Float>? = nil
            var random = SeededGenerator(seed: 2)
            Augmentation(snrDB: snr).perturb(real: &real, imaginary: &imaginary, using: &random)
            let signal = original.reduce(0) { $0 + $1 * $1 }
            let noise = zip(real, original).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            #expect(abs(10 * log10(signal / noise) - snr) < 0.3, "snr \(snr)")
        }
    }

    @Test func gainScalesBothPlanesByOneFactorWithinBounds() {
        var real = [Float](repeating: 1, count: 8)[...]
        var imaginary: ArraySlice<Float>? = [Float](repeating: 2, count: 8)[...]
        var random = SeededGenerator(seed: 3)
        Augmentation(gainDB: 6).perturb(real: &real, imaginary: &imaginary, using: &random)
        let gain = real.first!
        #expect(real.allSatisfy { $0 == gain } && imaginary!.allSatisfy { $0 == 2 * gain })
        #expect(gain >= 0.5 && gain <= 2.0 && gain != 1)  // ±6 dB ≈ ×0.50…×2.00
    }
}
