import ComplexNN
import Foundation
import PhaseGraph
import TestSupport
import Testing

/// Graph construction from the input: node features, phase sequences and edge masks.
@Suite struct GraphBatchTests {
    private func configuration(nodes: PhaseGraphConfiguration.NodeSet, edges: PhaseGraphConfiguration.EdgeWeighting)
        -> PhaseGraphConfiguration
    {
        var c = PhaseGraphConfiguration(classes: 2, nodes: nodes, edges: edges)
        (c.rows, c.frames, c.chunks, c.normalizeInput) = (3, 6, 2, false)
        (c.nodeFeatures, c.positional) = (.series, false)
        return c
    }

    /// MFCC nodes: features |z| (or z), edges = PLV / coherence of the rows' arg z.
    @Test func mfccNodesUseRowsAndTheirPhases() {
        let input = randomInput(batch: 2, rows: 3, frames: 6, seed: 50)
        let plv = GraphBatch(input: input, configuration: configuration(nodes: .mfcc, edges: .plv))
        let complex = GraphBatch(input: input, configuration: configuration(nodes: .mfcc, edges: .complex))
        let magnitude = zip(input.real, input.imaginary!).map { ($0 * $0 + $1 * $1).squareRoot() }
        expectClose(plv.features.real, magnitude, "|z| features")
        #expect(plv.features.imaginary == nil && complex.features.imaginary == input.imaginary!)
        for item in 0..<2 {
            let span = (item * 18)..<((item + 1) * 18)
            let phases = zip(input.real[span], input.imaginary![span]).map { atan2($1, $0) }
            let expected = PhaseRelations.coherence(phases: phases, nodes: 3, length: 6)
            expectClose(
                Array(plv.similarity[(item * 9)..<((item + 1) * 9)]), expected.magnitude, rtol: 1e-5, atol: 1e-6,
                "plv \(item)")
            expectClose(
                Array(complex.angles![(item * 9)..<((item + 1) * 9)]), expected.angle, rtol: 1e-4, atol: 1e-5,
                "angle \(item)")
        }
    }

    /// Frame-chunk nodes: feature = the chunk's mean column; phase per row = circular mean.
    @Test func frameNodesAverageChunks() {
        let input = randomInput(batch: 1, rows: 3, frames: 6, seed: 51)
        let graphs = GraphBatch(input: input, configuration: configuration(nodes: .frames, edges: .complex))
        #expect(graphs.features.shape == [1, 2, 3])
        var chunkPhases: [Float] = []
        for k in 0..<2 {
            for r in 0..<3 {
                let indices = (3 * k)..<(3 * k + 3)
                let meanRe = indices.map { input.real[r * 6 + $0] }.reduce(0, +) / 3
                let meanIm = indices.map { input.imaginary![r * 6 + $0] }.reduce(0, +) / 3
                #expect(
                    abs(graphs.features.real[k * 3 + r] - meanRe) < 1e-6
                        && abs(graphs.features.imaginary![k * 3 + r] - meanIm) < 1e-6)
                let phases = indices.map { atan2(input.imaginary![r * 6 + $0], input.real[r * 6 + $0]) }
                chunkPhases.append(atan2(phases.map(sin).reduce(0, +), phases.map(cos).reduce(0, +)))
            }
        }
        let expected = PhaseRelations.coherence(phases: chunkPhases, nodes: 2, length: 3)
        expectClose(graphs.similarity, expected.magnitude, rtol: 1e-5, atol: 1e-6, "chunk plv")
        expectClose(graphs.angles!, expected.angle, rtol: 1e-4, atol: 1e-5, "chunk angle")
    }

    @Test func neighboursLimitEdgesAndUnweightedEdgesAreOne() {
        var c = configuration(nodes: .mfcc, edges: .none)
        c.neighbours = 1
        let graphs = GraphBatch(
            input: randomInput(batch: 1, rows: 3, frames: 6, complex: false, seed: 52), configuration: c)
        #expect(
            graphs.mask == [
                0, 1, 0,
                1, 0, 1,
                0, 1, 0,
            ])
        #expect(graphs.weights(temperature: nil).real == graphs.mask)
    }
}
