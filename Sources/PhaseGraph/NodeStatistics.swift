import ComplexNN
import Foundation

/// Shift-invariant summaries of node signals (``PhaseGraphConfiguration/NodeFeatures/statistics``):
/// for a node's real sequence x(t), t = 0…T−1, the mean μ, the standard deviation σ (population,
/// ddof 0) and the modulation spectrum in octave bands, each band's RMS amplitude
///
///     m_b = √(2·Σ_{k ∈ band b} |X_k|²) / T,   X_k = Σ_t (x(t) − μ)·e^{−2πi·k·t/T},
///
/// with band b = bins 2^b … min(2^(b+1), ⌊T/2⌋ + 1) − 1 for every b with 2^b ≤ ⌊T/2⌋ (the DC bin is
/// left out). All are in the units of x: a cosine A·cos(2π·k₀·t/T) with 1 ≤ k₀ < T/2 gives
/// σ = A/√2 and m_b = A/√2 in k₀'s band, 0 elsewhere; Σ_b m_b² = σ² when T is odd. A circular shift
/// of x in time changes none of them (unlike the raw series, which a clip offset changes
/// completely). At 22050 Hz with hop 512 and 130 frames the 7 bands cover 0.33, 0.66–1, 1.3–2.3,
/// 2.6–5, 5.3–10, 10.6–21 and 21–21.5 Hz: slow loudness changes, rhythm, tremolo.
public enum NodeStatistics {
    /// The octave bands' DFT bins for sequences of `length` values.
    public static func bands(length: Int) -> [Range<Int>] {
        let half = length / 2
        return sequence(first: 1) { $0 * 2 }.prefix { $0 <= half }.map { $0..<min(2 * $0, half + 1) }
    }

    /// Values per node: mean, standard deviation and one per octave band.
    public static func count(length: Int) -> Int { 2 + bands(length: length).count }

    /// The statistics of `values` `[nodes, length]` → `[nodes, count(length:)]`; means and
    /// variances in Double, the DFT as one matrix product in Float.
    public static func summarize(_ values: [Float], nodes: Int, length: Int) -> [Float] {
        precondition(values.count == nodes * length && length >= 1, "values must be [nodes, length]")
        var centred = [Float](repeating: 0, count: values.count), moments: [(mean: Float, deviation: Float)] = []
        for node in 0..<nodes {
            let span = (node * length)..<((node + 1) * length)
            let mean = values[span].reduce(0.0) { $0 + Double($1) } / Double(length)
            let variance = values[span].reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(length)
            for i in span { centred[i] = Float(Double(values[i]) - mean) }
            moments.append((Float(mean), Float(variance.squareRoot())))
        }
        let bands = bands(length: length)
        guard !bands.isEmpty else { return moments.flatMap { [$0.mean, $0.deviation] } }
        let basis = ModulationBasis.shared(length: length)
        let spectrum = GradientMode.withoutGradients {
            Tensor(shape: [nodes, length], real: centred).matmul(basis.matrix).real
        }
        let width = basis.bins
        return (0..<nodes).flatMap { node in
            let row = node * 2 * width
            let power = (0..<width).map { k in
                spectrum[row + k] * spectrum[row + k] + spectrum[row + width + k] * spectrum[row + width + k]
            }
            return [moments[node].mean, moments[node].deviation]
                + bands.map { band in (2 * band.reduce(0) { $0 + power[$1 - 1] }).squareRoot() / Float(length) }
        }
    }
}

/// The DFT bins 1…⌊T/2⌋ (T ≥ 2) of real sequences of length T as one `[T, 2·bins]` matrix: column k − 1
/// holds cos(2π·k·t/T), column bins + k − 1 holds −sin(2π·k·t/T). Built once per length.
private final class ModulationBasis: @unchecked Sendable {
    let matrix: Tensor, bins: Int

    private init(length: Int) {
        bins = length / 2
        var values = [Float](repeating: 0, count: length * 2 * bins)
        for t in 0..<length {
            for k in stride(from: 1, through: bins, by: 1) {
                let angle = 2 * Double.pi * Double((k * t) % length) / Double(length)
                values[t * 2 * bins + k - 1] = Float(cos(angle))
                values[t * 2 * bins + bins + k - 1] = Float(-sin(angle))
            }
        }
        matrix = Tensor(shape: [length, 2 * bins], real: values)
    }

    /// Guards ``bases`` (NSLock, as the FFT plan cache).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var bases: [Int: ModulationBasis] = [:]

    static func shared(length: Int) -> ModulationBasis {
        lock.lock()
        defer { lock.unlock() }
        if let basis = bases[length] { return basis }
        let basis = ModulationBasis(length: length)
        bases[length] = basis
        return basis
    }
}
