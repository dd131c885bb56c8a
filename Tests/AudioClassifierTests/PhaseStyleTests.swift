import ComplexNN
import Foundation
import Testing

@testable import Synthesis

/// Amplitude and phase (radians, referred to sample 0) of the sinusoid at `frequency` Hz in
/// `samples[range]`, from a Hann-weighted DFT in plain Double math: for A·cos(ωn + φ) it returns
/// (A, φ) up to the leakage of other components, which is negligible when they lie many DFT bins away.
private func measure(_ samples: [Float], frequency: Double, sampleRate: Double, range: Range<Int>)
    -> (amplitude: Double, phase: Double)
{
    let omega = 2 * Double.pi * frequency / sampleRate
    var re = 0.0, im = 0.0, weights = 0.0
    for n in range {
        let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(n - range.lowerBound) / Double(range.count))
        re += w * Double(samples[n]) * cos(omega * Double(n))
        im -= w * Double(samples[n]) * sin(omega * Double(n))
        weights += w
    }
    return (2 * (re * re + im * im).squareRoot() / weights, atan2(im, re))
}

/// The distance between two angles on the circle, in 0…π.
private func angleDistance(_ a: Double, _ b: Double) -> Double {
    abs(remainder(a - b, 2 * Double.pi))
}

@Suite struct PhaseStyleTests {
    let sampleRate = 22050
    let seconds = 0.5
    /// Whole clip except the 20 ms fades.
    let steady = 500..<10500
    // Worst errors seen over 40 clips (both classes, seeds 1…20): amplitude 2.6e-6 of the
    // fundamental's, 5.2e-6 between the classes' relative magnitudes; phase 1.5e-5 rad, coupling
    // 3.5e-5 rad, polarity flip 2.8e-5 rad. Tolerances: 1e-5 for amplitudes, 2e-4 rad for angles.

    /// The partials measured in a clip rendered from `seed`, with the note that was drawn for it.
    func renderAndMeasure(_ style: PhaseStyle, seed: UInt64) -> (PhaseStyle.Tone, [(amplitude: Double, phase: Double)])
    {
        var draws = SeededGenerator(seed: seed), generator = SeededGenerator(seed: seed)
        let tone = style.tone(using: &draws)
        let samples = style.render(seconds: seconds, sampleRate: sampleRate, using: &generator)
        let partials = (1...tone.amplitudes.count).map {
            measure(samples, frequency: Double($0) * tone.fundamental, sampleRate: Double(sampleRate), range: steady)
        }
        return (tone, partials)
    }

    /// The specified offset φ_2h − 2φ_h of each class.
    static let specifiedCoupling: [PhaseStyle: Double] = [.aligned: 0, .opposed: .pi]

    @Test(arguments: PhaseStyle.allCases, [UInt64(1), 2, 3])
    func renderedAudioHoldsTheCoupling(style: PhaseStyle, seed: UInt64) throws {
        let coupling = try #require(Self.specifiedCoupling[style])
        let (tone, partials) = renderAndMeasure(style, seed: seed)
        let scale = partials[0].amplitude / tone.amplitudes[0]
        for (index, partial) in partials.enumerated() {
            #expect(
                abs(partial.amplitude / scale - tone.amplitudes[index]) <= 1e-5 * tone.amplitudes[0],
                "amplitude of partial \(index + 1)")
            #expect(angleDistance(partial.phase, tone.phases[index]) < 2e-4, "phase of partial \(index + 1)")
        }
        for h in 1...(partials.count / 2) {
            let offset = partials[2 * h - 1].phase - 2 * partials[h - 1].phase
            #expect(angleDistance(offset, coupling) < 2e-4, "φ\(2 * h) − 2φ\(h) of \(style)")
        }
    }

    @Test(arguments: [UInt64(4), 5])
    func classesDifferOnlyByHalfPeriodPolarityFlip(seed: UInt64) {
        let (alignedTone, aligned) = renderAndMeasure(.aligned, seed: seed)
        let (opposedTone, opposed) = renderAndMeasure(.opposed, seed: seed)
        #expect(alignedTone.fundamental == opposedTone.fundamental)
        #expect(aligned.count == opposed.count)
        for h in 1...aligned.count {
            let relative = (
                aligned[h - 1].amplitude / aligned[0].amplitude, opposed[h - 1].amplitude / opposed[0].amplitude
            )
            #expect(abs(relative.0 - relative.1) <= 1e-5, "relative magnitude of partial \(h)")
            // opposed = aligned + (h + 1)π: −aligned delayed by half a period.
            let shift = angleDistance(opposed[h - 1].phase, aligned[h - 1].phase + Double(h + 1) * .pi)
            #expect(shift < 2e-4, "phase of partial \(h)")
        }
    }

    @Test func freePhasesAreUniformAndMagnitudesIgnoreTheClass() {
        var sums = [Double](repeating: 0, count: 6)  // cos, sin of φ1, φ3, φ5
        let seeds = 200
        for seed in 0..<UInt64(seeds) {
            var first = SeededGenerator(seed: seed), second = SeededGenerator(seed: seed)
            let aligned = PhaseStyle.aligned.tone(using: &first), opposed = PhaseStyle.opposed.tone(using: &second)
            #expect(aligned.amplitudes == opposed.amplitudes && aligned.fundamental == opposed.fundamental)
            #expect((80...300).contains(aligned.fundamental) && (16...24).contains(aligned.amplitudes.count))
            for (slot, h) in [1, 3, 5].enumerated() {
                sums[2 * slot] += cos(aligned.phases[h - 1])
                sums[2 * slot + 1] += sin(aligned.phases[h - 1])
            }
        }
        // Mean resultant length of n uniform angles is about 1/√n = 0.07; 0.2 is exceeded with
        // probability below 1e-3, a half-range draw (0…π) gives 0.64.
        for slot in 0..<3 {
            let length =
                (sums[2 * slot] * sums[2 * slot] + sums[2 * slot + 1] * sums[2 * slot + 1]).squareRoot() / Double(seeds)
            #expect(length < 0.2, "free phase \(2 * slot + 1) is not uniform")
        }
    }

    @Test func renderIsDeterministicAndPeakNormalised() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let first = PhaseStyle.opposed.render(seconds: 0.2, sampleRate: sampleRate, using: &a)
        let again = PhaseStyle.opposed.render(seconds: 0.2, sampleRate: sampleRate, using: &b)
        let other = PhaseStyle.opposed.render(seconds: 0.2, sampleRate: sampleRate, using: &c)
        #expect(first == again && first != other && first.count == 4410)
        let peak = first.map(abs).max() ?? 0
        #expect(peak >= 0.3 - 1e-6 && peak <= 0.9 + 1e-6)
    }
}
