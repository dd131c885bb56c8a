import Foundation

/// The two classes of the `phase` synthetic dataset: harmonic complexes whose magnitude
/// spectrograms have exactly the same distribution and which differ only in how the phase of each
/// even partial is tied to the partial at half its frequency.
///
/// One clip is a single sustained note (all draws from the caller's generator, in this order):
/// - fundamental F0 log-uniform in 80…300 Hz; partials h = 1…H with H = min(24, ⌊5000 Hz / F0⌋);
/// - amplitude of partial h: h^(−s) · 10^(j_h / 20), slope s uniform in 0.5…2, jitter j_h uniform
///   in −3…3 dB;
/// - phase φ_h (radians at the first sample) uniform in [0, 2π) for odd h, and for every 2h ≤ H the
///   coupling φ_2h = 2φ_h + c, applied in increasing h (so φ_(2^k·m) = 2^k·φ_m + (2^k − 1)·c);
/// - linear 20 ms fade-in and fade-out, then peak-normalised to a level uniform in 0.3…0.9.
///
/// The class is the coupling offset c = φ_2h − 2φ_h: 0 for `aligned`, π for `opposed`. The relation
/// is unchanged by a time shift (φ_h → φ_h + h·α), so it holds in every frame of the clip.
///
/// Why the magnitudes match: with the same draws, the `opposed` phases equal the `aligned` ones
/// plus (h + 1)·π, that is, polarity inversion (+π on every partial) of the aligned tone delayed by
/// half a period (+h·π). A delay only adds h·α to the phases, which leaves the odd phases
/// independent and uniform and the coupling intact, so it does not change the distribution; hence
/// `opposed` clips are distributed exactly as negated `aligned` clips, and negation leaves every
/// magnitude spectrogram unchanged. No magnitude-only model can beat chance (50%) in expectation;
/// the label is in the phases (for instance in the sign of the waveform's skewness).
/// `scripts/phase_dataset_study.py` measures this with magnitude-only and phase-aware baselines.
public enum PhaseStyle: String, CaseIterable, Sendable {
    /// Even partials in phase with their half-frequency partial: φ_2h = 2φ_h.
    case aligned
    /// Even partials in antiphase with their half-frequency partial: φ_2h = 2φ_h + π.
    case opposed

    /// The class's coupling offset c = φ_2h − 2φ_h in radians.
    var coupling: Double {
        switch self {
        case .aligned: 0
        case .opposed: .pi
        }
    }

    /// The random note of one clip: fundamental in Hz, and amplitude and starting phase (radians)
    /// of partials 1…H (index h − 1).
    struct Tone {
        let fundamental: Double
        let amplitudes: [Double]
        let phases: [Double]
    }

    /// Draws the note of one clip of this class (the first draws of `render`).
    func tone(using random: inout some RandomNumberGenerator) -> Tone {
        let fundamental = exp(Double.random(in: log(80.0)...log(300.0), using: &random))
        let count = min(24, Int(5000 / fundamental))
        let slope = Double.random(in: 0.5...2, using: &random)
        let amplitudes = (1...count).map {
            pow(Double($0), -slope) * pow(10, Double.random(in: -3...3, using: &random) / 20)
        }
        var phases = (0..<count).map { _ in Double.random(in: 0..<(2 * .pi), using: &random) }
        for h in stride(from: 1, through: count / 2, by: 1) {
            phases[2 * h - 1] = (2 * phases[h - 1] + coupling).truncatingRemainder(dividingBy: 2 * .pi)
        }
        return Tone(fundamental: fundamental, amplitudes: amplitudes, phases: phases)
    }

    /// Renders `seconds` of one clip of this class at `sampleRate`: mono samples, peak-normalised
    /// to a random level in 0.3…0.9.
    public func render(seconds: Double, sampleRate: Int, using random: inout some RandomNumberGenerator) -> [Float] {
        let note = tone(using: &random)
        var signal = SignalBuilder(seconds: seconds, sampleRate: sampleRate)
        signal.addTone(
            at: 0, duration: seconds, frequency: note.fundamental, partials: note.amplitudes,
            phases: note.phases, attack: 0.02, release: 0.02)
        signal.normalize(peak: Double.random(in: 0.3...0.9, using: &random))
        return signal.samples
    }
}
