import Foundation

/// The random "recording chain" a `styles` track passes through after it is played, so that
/// level, noise floor, bandwidth or spectral balance say nothing about the class: every class
/// draws its chain from the same distribution (``random(sampleRate:using:)``).
///
/// ``apply(to:sampleRate:using:)`` runs, in this order: saturation, compression, equalisation
/// (high-pass and a high-shelf tilt), reverb, background noise at ``snr``, band-limiting (as a
/// phone line or a low-bitrate codec would; it also filters the noise) and the output level.
struct RecordingChain: Equatable {
    /// Soft clipping `tanh(d·x)/tanh(d)` of the peak-normalised signal; 0 leaves it linear.
    var drive: Double
    /// Compressor threshold in dB below the signal's peak, and its ratio (1 = no compression).
    var compressionThreshold: Double, compressionRatio: Double
    /// Second-order high-pass cut-off in Hz (rumble filter, small speakers).
    var highPass: Double
    /// Gain in dB of a high shelf at 1.5 kHz: negative is dull, positive is bright.
    var tilt: Double
    /// Reverb decay time (RT60, seconds) and wet share (0…1) of the output's RMS.
    var reverbTime: Double, reverbMix: Double
    /// Background noise: signal-to-noise ratio in dB (signal power over noise power).
    var snr: Double
    /// The noise's colour: white noise through a one-pole low-pass at this cut-off (Hz).
    var noiseCutoff: Double
    /// Mains hum at this frequency (50 or 60 Hz, with its first harmonics), or 0 for none.
    var hum: Double
    /// Fourth-order Butterworth low-pass cut-off in Hz, or nil for the full band.
    var bandLimit: Double?
    /// Peak level of the output (linear full scale).
    var peak: Double

    /// A chain drawn from the one distribution every class shares.
    static func random(sampleRate: Double, using random: inout some RandomNumberGenerator) -> RecordingChain {
        func logUniform(_ range: ClosedRange<Double>) -> Double {
            exp(Double.random(in: log(range.lowerBound)...log(range.upperBound), using: &random))
        }
        return RecordingChain(
            drive: Bool.random(using: &random) ? Double.random(in: 0.5...3, using: &random) : 0,
            compressionThreshold: Double.random(in: 3...15, using: &random),
            compressionRatio: Double.random(in: 1...4, using: &random),
            highPass: logUniform(20...150),
            tilt: Double.random(in: -6...4, using: &random),
            reverbTime: logUniform(0.2...1.5), reverbMix: Double.random(in: 0...0.3, using: &random),
            snr: Double.random(in: 12...36, using: &random),
            noiseCutoff: logUniform(300...11000),
            hum: [0, 0, 50, 60].randomElement(using: &random)!,
            bandLimit: Double.random(in: 0..<1, using: &random) < 0.35 ? logUniform(4000...11000) : nil,
            peak: Double.random(in: 0.1...0.9, using: &random))
    }

    /// Runs the whole chain over `samples` (mono, at `sampleRate` Hz); the noise is drawn from `random`.
    func apply(to samples: inout [Float], sampleRate: Double, using random: inout some RandomNumberGenerator) {
        SampleLevel.normalize(&samples, peak: 1)
        if drive > 0 { saturate(&samples) }
        compress(&samples, sampleRate: sampleRate)
        Biquad.highPass(cutoff: highPass, sampleRate: sampleRate).apply(to: &samples)
        Biquad.highShelf(frequency: 1500, gain: tilt, sampleRate: sampleRate).apply(to: &samples)
        Reverb(time: reverbTime, sampleRate: sampleRate).mix(into: &samples, share: reverbMix)
        addBackground(to: &samples, sampleRate: sampleRate, using: &random)
        if let bandLimit { Self.bandLimit(&samples, cutoff: bandLimit, sampleRate: sampleRate) }
        SampleLevel.normalize(&samples, peak: peak)
    }

    // MARK: - Stages

    /// `tanh(drive·x) / tanh(drive)`: unity at ±1, compresses peaks, adds odd harmonics.
    func saturate(_ samples: inout [Float]) {
        let scale = 1 / tanh(drive)
        for n in samples.indices { samples[n] = Float(scale * tanh(drive * Double(samples[n]))) }
    }

    /// A feed-forward peak compressor: an envelope follower on |x| (5 ms attack, 120 ms release)
    /// and, above the threshold, gain `(envelope/threshold)^(1/ratio − 1)`.
    func compress(_ samples: inout [Float], sampleRate: Double) {
        guard compressionRatio > 1 else { return }
        let peak = Double(SampleLevel.peak(samples))
        let threshold = peak * pow(10, -compressionThreshold / 20)
        let attack = exp(-1 / (0.005 * sampleRate)), release = exp(-1 / (0.12 * sampleRate))
        var envelope = 0.0
        for n in samples.indices {
            let level = abs(Double(samples[n]))
            let coefficient = level > envelope ? attack : release
            envelope = coefficient * envelope + (1 - coefficient) * level
            if envelope > threshold {
                samples[n] *= Float(pow(envelope / threshold, 1 / compressionRatio - 1))
            }
        }
    }

    /// Adds coloured noise (and hum) scaled so that the signal-to-noise ratio is exactly ``snr`` dB
    /// over the whole track. A silent signal gets no noise.
    func addBackground(to samples: inout [Float], sampleRate: Double, using random: inout some RandomNumberGenerator) {
        var noise = [Float](repeating: 0, count: samples.count)
        let alpha = 1 - exp(-2 * Double.pi * noiseCutoff / sampleRate)
        var state = 0.0
        for n in noise.indices {
            state += alpha * (Double.random(in: -1...1, using: &random) - state)
            noise[n] = Float(state)
        }
        if hum > 0 {
            let noisePower = SampleLevel.power(noise)
            for n in noise.indices {
                let t = Double(n) / sampleRate
                let tone = (1...3).reduce(0.0) { $0 + sin(2 * Double.pi * hum * Double($1) * t) / Double($1) }
                noise[n] += Float(2 * noisePower.squareRoot() * tone)
            }
        }
        let signalPower = SampleLevel.power(samples), noisePower = SampleLevel.power(noise)
        guard signalPower > 0, noisePower > 0 else { return }
        let scale = Float((signalPower / noisePower / pow(10, snr / 10)).squareRoot())
        for n in samples.indices { samples[n] += scale * noise[n] }
    }

    /// Two cascaded Butterworth sections: −3 dB at `cutoff`, −24 dB an octave above.
    static func bandLimit(_ samples: inout [Float], cutoff: Double, sampleRate: Double) {
        for section in Biquad.butterworthLowPass(cutoff: cutoff, sampleRate: sampleRate) {
            section.apply(to: &samples)
        }
    }
}
