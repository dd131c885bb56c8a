import PhaseGraph
import TestSupport
import Testing

/// Phase-difference similarity, PLV and coherence angle against NumPy (phases.npz).
@Suite struct PhaseRelationsTests {
    @Test func matchNumPy() throws {
        let fixture = try TensorFixture("phases", in: "phasegraph")
        let phases = try fixture.tensor("phases")
        let (nodes, length) = (phases.shape[0], phases.shape[1])
        let diff = PhaseRelations.phaseDifferenceSimilarity(phases: phases.real, nodes: nodes, length: length)
        let coherence = PhaseRelations.coherence(phases: phases.real, nodes: nodes, length: length)
        expectClose(diff, try fixture.tensor("phase_diff").real, rtol: 1e-5, atol: 1e-6, "phase_diff")
        expectClose(coherence.magnitude, try fixture.tensor("plv").real, rtol: 1e-5, atol: 1e-6, "plv")
        expectClose(
            PhaseRelations.phaseLockingValue(phases: phases.real, nodes: nodes, length: length), coherence.magnitude,
            "plv alias")
        // arg C is ill-conditioned where |C| is tiny: compare the angle where the PLV is ≥ 0.05.
        let expectedAngle = try fixture.tensor("angle").real
        let defined = coherence.magnitude.indices.filter { coherence.magnitude[$0] >= 0.05 }
        expectClose(
            defined.map { coherence.angle[$0] }, defined.map { expectedAngle[$0] }, rtol: 1e-4, atol: 1e-5, "angle")
        // node 1 is node 0 shifted by 0.7 rad: PLV 1, angle −0.7 (C_01 = mean e^{i(φ0 − φ1)})
        #expect(abs(coherence.magnitude[1] - 1) < 1e-5 && abs(coherence.angle[1] + 0.7) < 1e-4)
    }
}
