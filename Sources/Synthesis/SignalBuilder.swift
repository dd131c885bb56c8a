import Foundation

/// A mono Float32 buffer that synthesis voices are mixed into, with the few sound primitives the
/// synthetic datasets are made of. Times are in seconds, frequencies in Hz, gains linear.
struct SignalBuilder {
    let sampleRate: Double
    private(set) var samples: [Float]

    init(seconds: Double, sampleRate: Int) {
        self.sampleRate = Double(sampleRate)
        samples = [Float](repeating: 0, count: Int(seconds * Double(sampleRate)))
    }

    /// A harmonic tone: partial `h` (1-based) has amplitude `partials[h-1]` and starting phase
    /// `phases[h-1]` (radians at the tone's first sample, zero when absent); the envelope rises
    /// linearly over `attack`, decays exponentially with time constant `decay` (no decay when nil)
    /// and falls linearly to zero at the tone's last sample over `release` (none when 0), so equal
    /// `attack` and `release` give an envelope symmetric in time. Partials at or above Nyquist are
    /// skipped.
    mutating func addTone(
        at start: Double, duration: Double, frequency: Double, partials: [Double],
        phases: [Double] = [], attack: Double = 0.005, decay: Double? = nil, release: Double = 0,
        gain: Double = 1
    ) {
        let (first, last) = range(start, duration)
        guard first < last else { return }
        let envelope = (first..<last).map { n in
            let t = Double(n - first) / sampleRate
            let fall = release > 0 ? Double(last - 1 - n) / sampleRate / release : 1
            return gain * min(1, t / max(attack, 1e-6), fall) * (decay.map { exp(-t / $0) } ?? 1)
        }
        for (index, amplitude) in partials.enumerated() where amplitude != 0 {
            let f = frequency * Double(index + 1)
            guard f < sampleRate / 2 else { break }
            addSinusoid(
                at: first, step: 2 * Double.pi * f / sampleRate,
                phase: index < phases.count ? phases[index] : 0, amplitude: amplitude, envelope: envelope)
        }
    }

    /// Adds `amplitude · envelope[i] · cos(step · i + phase)` to sample `first + i`. The oscillator
    /// is a phasor rotated by `step` each sample and re-anchored to an exact cos/sin every 256
    /// samples, which keeps its error near Double rounding at a fraction of the cost of `cos`.
    private mutating func addSinusoid(
        at first: Int, step: Double, phase: Double, amplitude: Double,
        envelope: [Double]
    ) {
        let rotation = (re: cos(step), im: sin(step))
        samples.withUnsafeMutableBufferPointer { output in
            for blockStart in stride(from: 0, to: envelope.count, by: 256) {
                let angle = step * Double(blockStart) + phase
                var re = cos(angle), im = sin(angle)
                for i in blockStart..<min(blockStart + 256, envelope.count) {
                    output[first + i] += Float(amplitude * envelope[i] * re)
                    (re, im) = (re * rotation.re - im * rotation.im, re * rotation.im + im * rotation.re)
                }
            }
        }
    }

    /// White noise through a one-pole low-pass (`cutoff` Hz), with an exponential decay of time
    /// constant `decay` seconds — hi-hats and snares with a high cutoff, wind with a low one.
    mutating func addNoise(
        at start: Double, duration: Double, cutoff: Double, decay: Double?, gain: Double,
        using random: inout some RandomNumberGenerator
    ) {
        let (first, last) = range(start, duration)
        let alpha = 1 - exp(-2 * Double.pi * cutoff / sampleRate)
        var state = 0.0
        for n in first..<last {
            let t = Double(n - first) / sampleRate
            state += alpha * (Double.random(in: -1...1, using: &random) - state)
            samples[n] += Float(gain * state * (decay.map { exp(-t / $0) } ?? 1))
        }
    }

    /// White noise through a one-pole high-pass at `low` Hz and a one-pole low-pass at `high` Hz,
    /// with an exponential decay of time constant `decay` seconds — hi-hats and snare wires without
    /// the low end that `addNoise` keeps.
    mutating func addBandNoise(
        at start: Double, duration: Double, low: Double, high: Double, decay: Double, gain: Double,
        using random: inout some RandomNumberGenerator
    ) {
        let (first, last) = range(start, duration)
        let lowAlpha = 1 - exp(-2 * Double.pi * low / sampleRate)
        let highAlpha = 1 - exp(-2 * Double.pi * high / sampleRate)
        var (lowState, highState) = (0.0, 0.0)
        for n in first..<last {
            let t = Double(n - first) / sampleRate
            let white = Double.random(in: -1...1, using: &random)
            lowState += lowAlpha * (white - lowState)
            highState += highAlpha * (white - lowState - highState)
            samples[n] += Float(gain * highState * exp(-t / decay))
        }
    }

    /// A kick drum: a sine whose pitch falls exponentially from `high` to `low` Hz.
    mutating func addKick(at start: Double, high: Double = 150, low: Double = 45, gain: Double) {
        let (first, last) = range(start, 0.35)
        var phase = 0.0
        for n in first..<last {
            let t = Double(n - first) / sampleRate
            phase += 2 * Double.pi * (low + (high - low) * exp(-t / 0.03)) / sampleRate
            samples[n] += Float(gain * exp(-t / 0.08) * sin(phase))
        }
    }

    /// Multiplies every sample by a slow sinusoidal tremolo of `depth` (0…1) at `rate` Hz.
    mutating func modulate(rate: Double, depth: Double) {
        for n in samples.indices {
            samples[n] *= Float(1 - depth * 0.5 * (1 + sin(2 * Double.pi * rate * Double(n) / sampleRate)))
        }
    }

    /// Scales the buffer so that its peak is `peak` (a silent buffer stays silent).
    mutating func normalize(peak: Double) { SampleLevel.normalize(&samples, peak: peak) }

    private func range(_ start: Double, _ duration: Double) -> (Int, Int) {
        let first = max(0, Int(start * sampleRate))
        return (min(first, samples.count), min(samples.count, first + Int(duration * sampleRate)))
    }
}
