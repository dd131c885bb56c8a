import Foundation

/// Pairwise phase relations between nodes, each node carrying a phase sequence φ_i(l),
/// l = 1…L (radians), stored row-major as `[nodes, length]`. Every result is a row-major
/// `[nodes, nodes]` matrix; sums run in Double.
public enum PhaseRelations {
    /// s_ij = 1 − mean_l |wrap(φ_i(l) − φ_j(l))|/π ∈ [0, 1] with wrap into (−π, π]
    /// (the reference's mean absolute phase difference as a similarity; s_ii = 1).
    public static func phaseDifferenceSimilarity(phases: [Float], nodes: Int, length: Int) -> [Float] {
        precondition(phases.count == nodes * length, "phases must be [nodes, length]")
        var similarity = [Float](repeating: 1, count: nodes * nodes)
        for i in 0..<nodes {
            for j in (i + 1)..<max(nodes, i + 1) {
                var total = 0.0
                for l in 0..<length {
                    let delta = Double(phases[i * length + l]) - Double(phases[j * length + l])
                    total += abs(remainder(delta, 2 * Double.pi))
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
        let cosines = phases.map { Double(Foundation.cos($0)) }, sines = phases.map { Double(Foundation.sin($0)) }
        var magnitude = [Float](repeating: 1, count: nodes * nodes), angle = [Float](repeating: 0, count: nodes * nodes)
        for i in 0..<nodes {
            for j in (i + 1)..<max(nodes, i + 1) {
                var re = 0.0, im = 0.0
                for l in 0..<length {
                    let (ci, si, cj, sj) = (cosines[i * length + l], sines[i * length + l], cosines[j * length + l], sines[j * length + l])
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
