import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

/// `if-logmel` (``FeatureExtractor/phaseAdvanceLogMel(from:epsilon:)``) and the phase coherence
/// (``FeatureExtractor/phaseCoherence(from:)``): against the NumPy references of
/// scripts/make_spectral_fixtures.py, and the properties they exist for — the phase reads a
/// partial's frequency, not where the frame starts; coherence tells a steady tone from noise.
@Suite struct PhaseAdvanceMelTests {
    @Test("equals the NumPy reference", arguments: SpectralFixtures.caseNames)
    func reference(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let shape = arrays.shape("stft")
        let stft = ComplexSpectrogram(
            frequencyCount: shape[0], frameCount: shape[1], interleaved: try arrays.complex("stft"))
        let expected: [String: NPYArray] = try Fixtures.npz("spectral/phase_advance.npz")
        let extractor = try FeatureExtractor(parameters.configuration)
        let z = try extractor.phaseAdvanceLogMel(from: stft)
        #expect([z.frequencyCount, z.frameCount] == expected.shape("\(name)_if_logmel"))
        // The phase of a band whose advances nearly cancel (|P| ≈ 0.003·A in vibrato's upper bands)
        // is conditioned by A/|P|: the same formula in NumPy float32 is 9.2e-6 from the float64
        // reference there, so float32 arithmetic is held to 3e-5 of the array's largest value.
        let error = relativeError(z.interleaved, try expected.complex("\(name)_if_logmel"))
        #expect(error <= 3e-5, "\(name): \(error)")
        // |P|/A has the same conditioning where |P| ≪ A; the ratio itself is at most 1.
        expectClose(
            try extractor.phaseCoherence(from: stft).values, try expected.floats("\(name)_coherence"), rtol: 0,
            atol: 3e-5, "\(name) coherence")
    }

    /// A steady tone: in its band the phase is the tone's offset from the band centre in radians
    /// per hop, in every frame, and it stays so when the tone starts 100 samples later (a shift
    /// that is not a multiple of the hop and turns the complex log-mel's phase).
    @Test func aSteadyTonesPhaseIsItsFrequencyWhereverFramesStart() throws {
        var configuration = FeatureConfiguration()
        configuration.nMels = 40
        let extractor = try FeatureExtractor(configuration)
        let (rate, hop, frequency) = (22050.0, 512.0, 1234.5)
        let centres = extractor.melFilterbank.centreFrequencies
        let band = centres.indices.min { abs(centres[$0] - frequency) < abs(centres[$1] - frequency) }!
        let offset = remainder(2 * .pi * (frequency - centres[band]) * hop / rate, 2 * .pi)
        func features(delay: Int) throws -> (advance: ComplexSpectrogram, complexLogMel: ComplexSpectrogram) {
            let signal = (0..<22050).map { n in
                Float(n < delay ? 0 : sin(2 * .pi * frequency * Double(n - delay) / rate))
            }
            let stft = try extractor.stft(signal)
            return (try extractor.phaseAdvanceLogMel(from: stft), try extractor.complexLogMel(from: stft))
        }
        let (early, late) = (try features(delay: 0), try features(delay: 100))
        for frame in 5..<(early.advance.frameCount - 5) {
            let (re, im) = early.advance[band, frame]
            #expect(abs(remainder(Double(atan2(im, re)) - offset, 2 * .pi)) < 1e-3, "frame \(frame)")
            let (lateRe, lateIm) = late.advance[band, frame]
            #expect(abs(remainder(Double(atan2(lateIm, lateRe) - atan2(im, re)), 2 * .pi)) < 1e-3)
        }
        let (re, im) = early.complexLogMel[band, 10], (lateRe, lateIm) = late.complexLogMel[band, 10]
        #expect(abs(remainder(Double(atan2(lateIm, lateRe) - atan2(im, re)), 2 * .pi)) > 0.1)
    }

    @Test func coherenceIsHighForAToneAndLowForNoise() throws {
        var configuration = FeatureConfiguration()
        configuration.nMels = 40  // training's default bands (NumPy: noise 0.33 near 1 kHz, tone 1.0)
        let extractor = try FeatureExtractor(configuration)
        var state: UInt64 = 2510  // a 64-bit LCG: the same uniform noise in [−0.5, 0.5) every run
        let noise = (0..<22050).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        let tone = (0..<22050).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / 22050)) }
        let band = extractor.melFilterbank.centreFrequencies.firstIndex { $0 > 1000 }!
        func meanCoherence(_ signal: [Float]) throws -> Float {
            let c = try extractor.phaseCoherence(from: extractor.stft(signal))
            return (5..<(c.frameCount - 5)).map { c[band, $0] }.reduce(0, +) / Float(c.frameCount - 10)
        }
        #expect(try meanCoherence(tone) > 0.95)
        #expect(try meanCoherence(noise) < 0.5)
    }

    @Test func silenceGivesZerosAndLouderGivesLarger() throws {
        let extractor = try FeatureExtractor()
        let silence = try extractor.phaseAdvanceLogMel(from: extractor.stft([Float](repeating: 0, count: 4096)))
        #expect(silence.interleaved.allSatisfy { $0 == 0 })
        let silentCoherence = try extractor.phaseCoherence(from: extractor.stft([Float](repeating: 0, count: 4096)))
        #expect(silentCoherence.values.allSatisfy { $0 == 0 })
        let tone = (0..<4096).map { Float(sin(Double($0) * 0.3)) }
        let quiet = try extractor.phaseAdvanceLogMel(from: extractor.stft(tone.map { $0 * 0.01 }))
        let loud = try extractor.phaseAdvanceLogMel(from: extractor.stft(tone))
        #expect(loud.magnitudeSum > quiet.magnitudeSum && quiet.magnitudeSum > 0)
    }
}

extension ComplexSpectrogram {
    fileprivate var magnitudeSum: Float { magnitude().values.reduce(0, +) }
}
