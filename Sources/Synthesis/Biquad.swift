import Foundation

/// A second-order IIR section with the coefficients of Robert Bristow-Johnson's "Audio EQ
/// Cookbook", run in direct form I in Double precision:
/// `y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]` (coefficients divided by a0).
/// Frequencies are in Hz, `q` is the cookbook's Q, gains in dB.
struct Biquad {
    let b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    /// Coefficients from the cookbook's un-normalised `b` and `a` triples.
    private init(b: (Double, Double, Double), a: (Double, Double, Double)) {
        (b0, b1, b2) = (b.0 / a.0, b.1 / a.0, b.2 / a.0)
        (a1, a2) = (a.1 / a.0, a.2 / a.0)
    }

    /// The angle ω₀ = 2π·f/rate and the cookbook's α = sin ω₀ / (2Q).
    private static func angle(_ frequency: Double, _ sampleRate: Double, q: Double) -> (cos: Double, alpha: Double) {
        let omega = 2 * Double.pi * min(frequency, 0.49 * sampleRate) / sampleRate
        return (cos(omega), sin(omega) / (2 * q))
    }

    /// Low-pass: unity gain at DC, −3 dB at `cutoff` for Q = 1/√2, −12 dB per octave above.
    static func lowPass(cutoff: Double, q: Double = 0.5.squareRoot(), sampleRate: Double) -> Biquad {
        let (c, alpha) = angle(cutoff, sampleRate, q: q)
        return Biquad(b: ((1 - c) / 2, 1 - c, (1 - c) / 2), a: (1 + alpha, -2 * c, 1 - alpha))
    }

    /// High-pass: unity gain at Nyquist, −3 dB at `cutoff` for Q = 1/√2, −12 dB per octave below.
    static func highPass(cutoff: Double, q: Double = 0.5.squareRoot(), sampleRate: Double) -> Biquad {
        let (c, alpha) = angle(cutoff, sampleRate, q: q)
        return Biquad(b: ((1 + c) / 2, -(1 + c), (1 + c) / 2), a: (1 + alpha, -2 * c, 1 - alpha))
    }

    /// High shelf (shelf slope 1): `gain` dB above `frequency`, 0 dB well below it.
    static func highShelf(frequency: Double, gain: Double, sampleRate: Double) -> Biquad {
        let a = pow(10, gain / 40)
        let (c, alpha) = angle(frequency, sampleRate, q: 0.5.squareRoot())
        let root = 2 * a.squareRoot() * alpha
        return Biquad(
            b: (
                a * ((a + 1) + (a - 1) * c + root), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - root)
            ),
            a: ((a + 1) - (a - 1) * c + root, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - root))
    }

    /// The two sections of a fourth-order Butterworth low-pass (−3 dB at `cutoff`, −24 dB per
    /// octave above): Q = 1/(2 cos(π/8)) and 1/(2 cos(3π/8)).
    static func butterworthLowPass(cutoff: Double, sampleRate: Double) -> [Biquad] {
        [0.541196, 1.306563].map { lowPass(cutoff: cutoff, q: $0, sampleRate: sampleRate) }
    }

    /// Filters `samples` in place, starting from silence.
    func apply(to samples: inout [Float]) {
        var (x1, x2, y1, y2) = (0.0, 0.0, 0.0, 0.0)
        for n in samples.indices {
            let x = Double(samples[n])
            let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            (x2, x1, y2, y1) = (x1, x, y1, y)
            samples[n] = Float(y)
        }
    }
}
