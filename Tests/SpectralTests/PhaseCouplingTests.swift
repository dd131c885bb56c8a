import Foundation
import Spectral
import Testing

/// Two partials f and 2f with phases φ₁ and φ₂: arg Q at f's bin is φ₂ − 2φ₁ in every frame,
/// whatever the frame's position in time — the coupling that no magnitude spectrogram shows.
@Suite struct PhaseCouplingTests {
    @Test(arguments: [0.0, 1.0, Double.pi, -2.0])
    func theCouplingOfAnOctavePairIsReadInEveryFrame(coupling: Double) throws {
        let sampleRate = 22050.0, bin = 40, nFFT = 2048
        let f = Double(bin) * sampleRate / Double(nFFT)  // on a bin centre
        let phase1 = 0.7
        let signal = (0..<22050).map { n -> Float in
            let t = Double(n) / sampleRate
            return Float(cos(2 * .pi * f * t + phase1) + 0.5 * cos(2 * .pi * 2 * f * t + 2 * phase1 + coupling))
        }
        let stft = try ShortTimeFourierTransform(nFFT: nFFT, hopLength: 512)(signal)
        let q = stft.quadraticPhaseCoupling()
        for frame in 4..<(q.frameCount - 4) {  // away from the zero-padded edges
            let (re, im) = q[bin, frame]
            let error = remainder(Double(atan2(im, re)) - coupling, 2 * .pi)
            #expect(abs(error) < 1e-3, "frame \(frame): \(atan2(im, re)) vs \(coupling)")
        }
        let (re, im) = q[bin, 10]
        let expectedMagnitude = Foundation.pow(
            Double(stft.magnitude()[2 * bin, 10]) * pow(Double(stft.magnitude()[bin, 10]), 2), 1.0 / 3)
        #expect(abs(Double((re * re + im * im).squareRoot()) - expectedMagnitude) <= 1e-3 * expectedMagnitude)
    }

    @Test func silenceGivesZeroNotNaN() throws {
        let stft = try ShortTimeFourierTransform()([Float](repeating: 0, count: 4096))
        let allZero = stft.quadraticPhaseCoupling().interleaved.allSatisfy { $0 == 0 }
        #expect(allZero)
        let allFinite = try FeatureExtractor().phaseCouplingLogMel(from: stft).interleaved.allSatisfy(\.isFinite)
        #expect(allFinite)
    }
}
