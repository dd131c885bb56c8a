import Foundation

/// The instruments of one `styles` track: a drum kit and five tonal voices whose sound is drawn
/// from one distribution for every class (``random(using:)``), so no instrument's timbre names the
/// class — classes differ in which instruments they use and how they play them (``Arrangement``).
struct Ensemble {
    /// A harmonic voice: partial amplitudes, attack (s) and exponential decay time constant (s,
    /// nil for none).
    struct Voice {
        var partials: [Double]
        var attack: Double
        var decay: Double?
        var gain: Double
    }

    /// Kick pitch sweep (Hz) and gain.
    var kickHigh: Double, kickLow: Double, kickGain: Double
    /// Snare: body tone (Hz), noise brightness (one-pole cut-off, Hz), decay (s), gain.
    var snareTone: Double, snareCutoff: Double, snareDecay: Double, snareGain: Double
    /// Hi-hat: noise high-pass cut-off (Hz), closed decay (s), gain.
    var hatCutoff: Double, hatDecay: Double, hatGain: Double
    /// Bass, sustained pad, struck keys, plucked string, bright "guitar" and lead.
    var bass: Voice, pad: Voice, keys: Voice, pluck: Voice, guitar: Voice, lead: Voice

    static func random(using random: inout some RandomNumberGenerator) -> Ensemble {
        func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
        func partials(_ count: ClosedRange<Int>, slope: ClosedRange<Double>) -> [Double] {
            let s = uniform(slope), odd = uniform(0...1) < 0.25  // a quarter are hollow (square-like)
            return (1...Int.random(in: count, using: &random)).map {
                odd && $0 % 2 == 0 ? 0.1 / pow(Double($0), s) : 1 / pow(Double($0), s)
            }
        }
        /// A voice with `count` partials of amplitude `1/h^slope` (a quarter of the voices hollow:
        /// even partials at a tenth) and attack, decay (nil: none) and gain drawn from their ranges.
        func voice(
            _ count: ClosedRange<Int>, slope: ClosedRange<Double>, attack: ClosedRange<Double>,
            decay: ClosedRange<Double>?, gain: ClosedRange<Double>
        ) -> Voice {
            Voice(
                partials: partials(count, slope: slope), attack: uniform(attack), decay: decay.map(uniform),
                gain: uniform(gain))
        }
        return Ensemble(
            kickHigh: uniform(100...200), kickLow: uniform(40...60), kickGain: uniform(0.5...0.9),
            snareTone: uniform(150...260), snareCutoff: uniform(3000...9000), snareDecay: uniform(0.04...0.12),
            snareGain: uniform(0.15...0.35),
            hatCutoff: uniform(5000...9000), hatDecay: uniform(0.01...0.04), hatGain: uniform(0.04...0.12),
            bass: voice(2...10, slope: 1...2.5, attack: 0.005...0.005, decay: 0.2...0.8, gain: 0.3...0.5),
            pad: voice(4...10, slope: 1.2...2.5, attack: 0.1...0.8, decay: nil, gain: 0.1...0.2),
            keys: voice(6...12, slope: 1.1...2, attack: 0.004...0.004, decay: 0.3...1, gain: 0.15...0.25),
            pluck: voice(8...14, slope: 0.9...1.6, attack: 0.002...0.002, decay: 0.1...0.35, gain: 0.2...0.3),
            guitar: voice(14...24, slope: 0.7...1.2, attack: 0.003...0.003, decay: 0.6...2, gain: 0.12...0.2),
            lead: voice(8...15, slope: 0.8...1.5, attack: 0.01...0.01, decay: 0.3...1.5, gain: 0.15...0.25))
    }

    // MARK: - Playing

    func kick(_ s: inout SignalBuilder, at t: Double, velocity: Double) {
        s.addKick(at: t, high: kickHigh, low: kickLow, gain: kickGain * velocity)
    }

    /// A snare: a short two-partial body tone and a burst of band-limited noise (the wires).
    func snare(_ s: inout SignalBuilder, at t: Double, velocity: Double, using random: inout some RandomNumberGenerator)
    {
        s.addTone(
            at: t, duration: 0.2, frequency: snareTone, partials: [1, 0.5], attack: 0.001, decay: 0.04,
            gain: snareGain * velocity)
        s.addBandNoise(
            at: t, duration: snareDecay * 5, low: 800, high: snareCutoff, decay: snareDecay, gain: snareGain * velocity,
            using: &random)
    }

    /// A hi-hat: noise above ``hatCutoff``; an open hat rings six times longer.
    func hat(
        _ s: inout SignalBuilder, at t: Double, open: Bool, velocity: Double,
        using random: inout some RandomNumberGenerator
    ) {
        let decay = open ? hatDecay * 6 : hatDecay
        s.addBandNoise(
            at: t, duration: decay * 5, low: hatCutoff, high: 16000, decay: decay, gain: hatGain * velocity,
            using: &random)
    }

    /// One note of `voice` at `frequency` Hz lasting `duration` seconds (with a 10 ms release).
    func play(
        _ voice: Voice, _ s: inout SignalBuilder, at t: Double, duration: Double, frequency: Double,
        velocity: Double = 1
    ) {
        s.addTone(
            at: t, duration: duration, frequency: frequency, partials: voice.partials, attack: voice.attack,
            decay: voice.decay, release: min(0.01, duration / 2), gain: voice.gain * velocity)
    }
}
