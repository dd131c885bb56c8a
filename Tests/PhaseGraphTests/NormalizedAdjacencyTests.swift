import ComplexNN
import PhaseGraph
import TestSupport
import Testing

/// ``Tensor/symmetricNormalizedAdjacency(phases:)``, an op PhaseGraph defines through ComplexNN's
/// extension points: central finite differences against its analytic backward, and its safety on
/// zero, negative and missing edges.
@Suite struct NormalizedAdjacencyTests {
    /// Signed weights kept ≥ 0.05 from zero, so no finite difference crosses the |w| kink.
    @Test(arguments: [true, false])
    func normalizedAdjacency(withPhases: Bool) {
        let w = randomTensor([2, 4, 4], complex: false, seed: 44)
        w.real = w.real.map { abs($0) < 0.05 ? $0 + ($0 < 0 ? -0.05 : 0.05) : $0 }
        let phases = withPhases ? randomTensor([2, 4, 4], complex: false, seed: 45) : nil
        phases?.requiresGrad = false
        gradientCheck([w], step: 1e-3, "symmetricNormalizedAdjacency phases=\(withPhases)") {
            $0[0].symmetricNormalizedAdjacency(phases: phases)
        }
    }

    /// Zero and negative weights and an isolated node: finite everywhere, Â_ii = 1 for the isolated
    /// node, and the degree counts |w| (so a sign flip of one weight only flips that entry).
    @Test func adjacencySafeForZeroNegativeAndIsolated() {
        let w: [Float] = [
            0, -2, 0, 0.5,
            -2, 0, 0, 0,
            0, 0, 0, 0,
            0.5, 0, 0, 0,
        ]
        let a = Tensor(shape: [1, 4, 4], real: w).symmetricNormalizedAdjacency()
        #expect(a.real.allSatisfy { $0.isFinite })
        #expect(a.real[2 * 4 + 2] == 1)
        let flipped = Tensor(shape: [1, 4, 4], real: w.map(abs)).symmetricNormalizedAdjacency()
        #expect(a.real[1] == -flipped.real[1] && a.real[3] == flipped.real[3] && a.real[0] == flipped.real[0])
        let loss = Tensor(shape: [1, 4, 4], real: w, requiresGrad: true)
        loss.symmetricNormalizedAdjacency().sum().backward()
        #expect(loss.grad.real.allSatisfy { $0.isFinite })
    }
}
