import ComplexNN
import Foundation
import PhaseGraph
import TestSupport
import Testing

/// Shift-invariant node statistics, the one-hot node position and phase-advance edges, against
/// NumPy (nodes.npz, scripts/make_graphnode_fixtures.py) and analytic properties.
@Suite struct NodeFeatureTests {
    @Test(arguments: [("values", "statistics"), ("values_odd", "statistics_odd")])
    func statisticsMatchNumPy(keys: (values: String, statistics: String)) throws {
        let fixture = try TensorFixture("nodes", in: "phasegraph")
        let values = try fixture.tensor(keys.values)
        let (nodes, length) = (values.shape[0], values.shape[1])
        let summary = NodeStatistics.summarize(values.real, nodes: nodes, length: length)
        #expect(summary.count == nodes * NodeStatistics.count(length: length))
        expectClose(summary, try fixture.tensor(keys.statistics).real, rtol: 1e-4, atol: 1e-5, keys.statistics)
    }

    /// A cosine A·cos(2π·k₀·t/T): mean 0, σ = A/√2, all of it in k₀'s octave band; any circular
    /// shift in time gives the same values.
    @Test func cosineFallsInItsBandAndShiftsChangeNothing() {
        let (length, k0, amplitude): (Int, Int, Float) = (130, 11, 3)
        let cosine = (0..<length).map { amplitude * cos(2 * Float.pi * Float(k0 * $0) / Float(length)) }
        let summary = NodeStatistics.summarize(cosine, nodes: 1, length: length)
        #expect(NodeStatistics.bands(length: 130) == [1..<2, 2..<4, 4..<8, 8..<16, 16..<32, 32..<64, 64..<66])
        let rms = amplitude / Float(2).squareRoot()
        let expected: [Float] = [0, rms, 0, 0, 0, rms, 0, 0, 0]
        expectClose(summary, expected, rtol: 1e-4, atol: 1e-4, "cosine")
        let noise = randomInput(batch: 1, rows: 2, frames: length, complex: false, seed: 60).real
        let shifted = (0..<2).flatMap { row in (0..<length).map { noise[row * length + ($0 + 37) % length] } }
        expectClose(
            NodeStatistics.summarize(shifted, nodes: 2, length: length),
            NodeStatistics.summarize(noise, nodes: 2, length: length), rtol: 1e-4, atol: 1e-5, "shift")
    }

    /// `statistics` nodes with positions: per node the statistics of |z| then a one-hot index.
    @Test func graphFeaturesAreStatisticsOfMagnitudesThenPositions() {
        var c = PhaseGraphConfiguration(classes: 2, edges: .complex)
        (c.rows, c.frames, c.normalizeInput, c.nodeFeatures) = (3, 12, false, .statistics)
        let input = randomInput(batch: 2, rows: 3, frames: 12, seed: 61)
        let graphs = GraphBatch(input: input, configuration: c)
        let width = NodeStatistics.count(length: 12) + 3
        #expect(graphs.features.shape == [2, 3, width] && c.nodeFeatureCount == width)
        let magnitude = zip(input.real, input.imaginary!).map { ($0 * $0 + $1 * $1).squareRoot() }
        for item in 0..<2 {
            let statistics = NodeStatistics.summarize(
                Array(magnitude[(item * 36)..<((item + 1) * 36)]), nodes: 3, length: 12)
            for node in 0..<3 {
                let row = Array(graphs.features.real[((item * 3 + node) * width)..<((item * 3 + node + 1) * width)])
                let count = width - 3
                expectClose(
                    Array(row[..<count]), Array(statistics[(node * count)..<((node + 1) * count)]), "node \(node)")
                #expect(Array(row[count...]) == (0..<3).map { $0 == node ? 1 : 0 })
            }
        }
        #expect(graphs.features.imaginary!.allSatisfy { $0 == 0 })
    }

    /// Phase-advance edges: the PLV of Δφ against NumPy; node 1 runs at another constant frequency
    /// than node 0 (raw PLV low) with the same fluctuations (advance PLV 1).
    @Test func phaseAdvanceEdgesMatchNumPy() throws {
        let fixture = try TensorFixture("nodes", in: "phasegraph")
        let phases = try fixture.tensor("phases")
        let (nodes, length) = (phases.shape[0], phases.shape[1])
        var c = PhaseGraphConfiguration(classes: 2, edges: .phaseAdvance)
        (c.rows, c.frames) = (nodes, length)
        let input = Tensor(
            shape: [1, 1, nodes, length], real: phases.real.map { 2 * cos($0) },
            imaginary: phases.real.map { 2 * sin($0) })
        let graphs = GraphBatch(input: input, configuration: c)
        let expected = try fixture.tensor("advance_plv").real
        expectClose(graphs.similarity, expected, rtol: 1e-4, atol: 1e-5, "advance plv")
        #expect(abs(graphs.similarity[1] - 1) < 1e-4)
        #expect(PhaseRelations.phaseLockingValue(phases: phases.real, nodes: nodes, length: length)[1] < 0.5)
    }

    @Test func phaseAdvanceNeedsTwoValuesPerSequence() {
        var c = PhaseGraphConfiguration(classes: 2, edges: .phaseAdvance)
        (c.rows, c.frames) = (4, 1)
        #expect(
            throws: PhaseGraphError.invalidConfiguration(
                field: "edges", value: "phaseAdvance", reason: "needs phase sequences of at least 2 values (frames=1)")
        ) { try c.validate() }
    }

    /// A configuration written before `nodeFeatures` and `positional` existed decodes to the
    /// behaviour it had: the row series, no position.
    @Test func oldConfigurationsKeepTheirNodes() throws {
        let old = """
            {"rows": 13, "frames": 130, "classes": 6, "nodes": "mfcc", "chunks": 16, "edges": "plv",
             "learnableTemperature": false, "initialTemperature": 1, "normalizeInput": true,
             "hiddenFeatures": 32, "layers": 2, "residual": false, "readout": "mean"}
            """
        let c = try JSONDecoder().decode(PhaseGraphConfiguration.self, from: Data(old.utf8))
        #expect(c.resolvedNodeFeatures == .series && c.positional == nil && c.nodeFeatureCount == 130)
    }
}
