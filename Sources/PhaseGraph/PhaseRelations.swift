import Foundation

/// Pairwise phase relations between nodes, each node carrying a phase sequence φ_i(l),
/// l = 1…L (radians), stored row-major as `[nodes, length]`. Every result is a row-major
/// `[nodes, nodes]` matrix; sums run in Double.
public enum PhaseRelations {
    /// s_ij = 1 − mean_l |wrap(φ_i(l) − φ_j(l))|/π ∈ [0, 1] with wrap into (−π, π]
    /// (the reference's mean absolute phase difference as a similarity; s_ii = 1). Phases must lie
    /// in [−π, π] (as atan2 returns them).
    public static func phaseDifferenceSimilarity(phases: [Float], nodes: Int, length: Int) -> [Float] {
        precondition(phases.count == nodes * length, "phases must be [nodes, length]")
        var similarity = [Float](repeating: 1, count: nodes * nodes)
        for i in 0..<nodes {
            for j in (i + 1)..<max(nodes, i + 1) {
                var total = 0.0
                for l in 0..<length {
                    // phases lie in [−π, π], so one shift of 2π wraps the difference into (−π, π]
                    let delta = Double(phases[i * length + l]) - Double(phases[j * length + l])
                    total += abs(delta > .pi ? delta - 2 * .pi : (delta <= -.pi ? delta + 2 * .pi : delta))
                }
                let s = Float(1 - total / (Double(length) * Double.pi))
                similarity[i * nodes + j] = s
                similarity[j * nodes + i] = s
            }
        }
        return similarity
    }

    /// The complex phase coherence C_ij = mean_l exp(i(φ_i(l) − φ_j(l))) as (|C|, arg C):
    /// |C| is the phase-locking value ∈ [0, 1]; C is Hermitian (|C| symmetric, arg C antisymmetric).
    public static func coherence(phases: [Float], nodes: Int, length: Int) -> (magnitude: [Float], angle: [Float]) {
        precondition(phases.count == nodes * length, "phases must be [nodes, length]")
        return coherence(
            cosines: phases.map(Foundation.cos), sines: phases.map(Foundation.sin), nodes: nodes, length: length)
    }

    /// ``coherence(phases:nodes:length:)`` from the unit phasors exp(i·φ) given as cos φ and sin φ.
    static func coherence(cosines: [Float], sines: [Float], nodes: Int, length: Int) -> (
        magnitude: [Float], angle: [Float]
    ) {
        var magnitude = [Float](repeating: 1, count: nodes * nodes), angle = [Float](repeating: 0, count: nodes * nodes)
        for i in 0..<nodes {
            for j in (i + 1)..<max(nodes, i + 1) {
                var re = 0.0, im = 0.0
                for l in 0..<length {
                    let (ci, si) = (Double(cosines[i * length + l]), Double(sines[i * length + l]))
                    let (cj, sj) = (Double(cosines[j * length + l]), Double(sines[j * length + l]))
                    re += ci * cj + si * sj  // Re e^{iφ_i}·e^{−iφ_j}
                    im += si * cj - ci * sj
                }
                let m = Float((re * re + im * im).squareRoot() / Double(length)), a = Float(atan2(im, re))
                (magnitude[i * nodes + j], magnitude[j * nodes + i]) = (m, m)
                (angle[i * nodes + j], angle[j * nodes + i]) = (a, -a)
            }
        }
        return (magnitude, angle)
    }

    /// The phase-locking value |mean_l exp(i(φ_i(l) − φ_j(l)))| ∈ [0, 1] (1 on the diagonal).
    public static func phaseLockingValue(phases: [Float], nodes: Int, length: Int) -> [Float] {
        coherence(phases: phases, nodes: nodes, length: length).magnitude
    }
}
