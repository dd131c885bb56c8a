import ComplexNN
import Foundation
import PhaseGraph
import TestSupport
import Testing

/// Properties of the whole network: node-order symmetry, per-sample independence, finite-difference
/// gradients (including the learnable temperature), state names and reloading, input errors.
@Suite struct PhaseGraphNetworkTests {
    static let edgeKinds = PhaseGraphConfiguration.EdgeWeighting.allCases
    static let readouts = PhaseGraphConfiguration.Readout.allCases

    private func configuration(
        edges: PhaseGraphConfiguration.EdgeWeighting, readout: PhaseGraphConfiguration.Readout = .mean,
        nodes: PhaseGraphConfiguration.NodeSet = .mfcc
    ) -> PhaseGraphConfiguration {
        var c = PhaseGraphConfiguration(classes: 3, nodes: nodes, edges: edges)
        (c.rows, c.frames, c.hiddenFeatures, c.chunks, c.readout) = (5, 8, 6, 3, readout)
        c.positional = false  // a one-hot node index deliberately breaks the node-order symmetry
        c.nodeFeatures = .statistics  // the learnt encoder has tests of its own (NodeEncoderTests)
        (c.layers, c.residual) = (2, false)
        return c
    }

    @Test(arguments: edgeKinds, readouts)
    func logitsIgnoreNodeOrder(edges: PhaseGraphConfiguration.EdgeWeighting, readout: PhaseGraphConfiguration.Readout)
        throws
    {
        var c = configuration(edges: edges, readout: readout)
        (c.learnableTemperature, c.residual) = (edges != .none, true)
        let model = try PhaseGraphNetwork(c, seed: 5)
        let input = randomInput(batch: 2, rows: 5, frames: 8, complex: edges != .none, seed: 6)
        let logits = try model.logits(input), permuted = try model.logits(permutingRows(input, [3, 0, 4, 1, 2]))
        expectClose(permuted.real, logits.real, rtol: 1e-5, atol: 1e-6, "\(edges) \(readout)")
    }

    /// Permuting nodes permutes the convolution's output rows (equivariance).
    @Test(arguments: [true, false])
    func convolutionIsPermutationEquivariant(complex: Bool) throws {
        let c = configuration(edges: complex ? .complex : .plv)
        let model = try PhaseGraphNetwork(c, seed: 7)
        let order = [2, 4, 0, 1, 3]
        let input = randomInput(batch: 1, rows: 5, frames: 8, seed: 8)
        let (graphs, adjacency) = try model.graphs(input)
        let (permutedGraphs, permutedAdjacency) = try model.graphs(permutingRows(input, order))
        let out = model.convolutions[0](graphs.features, adjacency: adjacency)
        let permutedOut = model.convolutions[0](permutedGraphs.features, adjacency: permutedAdjacency)
        let width = out.shape[2]
        let expected = permutingRows(out.reshaped([1, 1, 5, width]), order)
        expectClose(permutedOut.real, expected.real, rtol: 1e-5, atol: 1e-6, "real")
        if complex {
            expectClose(
                try #require(permutedOut.imaginary), try #require(expected.imaginary), rtol: 1e-5, atol: 1e-6,
                "imaginary")
        }
    }

    @Test(arguments: edgeKinds, [PhaseGraphConfiguration.NodeSet.mfcc, .frames])
    func predictionsDependOnlyOnTheirOwnSample(
        edges: PhaseGraphConfiguration.EdgeWeighting, nodes: PhaseGraphConfiguration.NodeSet
    ) throws {
        let model = try PhaseGraphNetwork(configuration(edges: edges, readout: .attention, nodes: nodes), seed: 9)
        let complex = edges != .none
        let batch = randomInput(batch: 3, rows: 5, frames: 8, complex: complex, seed: 10)
        let other = randomInput(batch: 3, rows: 5, frames: 8, complex: complex, seed: 11)
        // Sample 0 alone, and sample 0 beside two different companions.
        let alone = Tensor(
            shape: [1, 1, 5, 8], real: Array(batch.real[0..<40]), imaginary: batch.imaginary.map { Array($0[0..<40]) })
        let mixed = Tensor(
            shape: [3, 1, 5, 8], real: Array(batch.real[0..<40]) + Array(other.real[40...]),
            imaginary: batch.imaginary.map { Array($0[0..<40]) + Array(other.imaginary![40...]) })
        let reference = try model.logits(alone).real
        expectClose(Array(try model.logits(batch).real[0..<3]), reference, rtol: 1e-6, atol: 1e-6, "in batch")
        expectClose(Array(try model.logits(mixed).real[0..<3]), reference, rtol: 1e-6, atol: 1e-6, "other companions")
    }

    /// Central differences of the cross-entropy w.r.t. every parameter scalar (weights, biases,
    /// attention score, temperature) against backward(). Activations smooth everywhere (GELU, and
    /// modulus-tanh rather than cardioid, whose curvature is unbounded near z = 0).
    @Test(arguments: [PhaseGraphConfiguration.EdgeWeighting.plv, .phaseDiff, .complex])
    func gradientsMatchFiniteDifferences(edges: PhaseGraphConfiguration.EdgeWeighting) throws {
        var c = configuration(edges: edges, readout: .attention)
        (c.learnableTemperature, c.initialTemperature, c.residual) = (true, 1.5, true)
        c.activation = edges == .complex ? .modulusTanh : .gelu
        let model = try PhaseGraphNetwork(c, seed: 12)
        let input = randomInput(batch: 2, rows: 5, frames: 8, seed: 13), labels = [2, 0]
        gradientCheck(model.parameters(), step: 2e-3, rtol: 1e-2, atol: 2e-4, "\(edges) parameters") { _ in
            model(input).crossEntropy(labels: labels)
        }
        #expect(model.temperature?.grad.real[0] != 0)
    }

    @Test func stateNamesAreStableAndReload() throws {
        var c = configuration(edges: .complex, readout: .attention)
        c.learnableTemperature = true
        let model = try PhaseGraphNetwork(c, seed: 14)
        #expect(
            model.namedState().map(\.name) == [
                "temperature", "conv0.weight", "conv0.bias", "conv1.weight", "conv1.bias",
                "readout.score.weight", "readout.score.bias", "head.weight", "head.bias",
            ])
        let copy = try PhaseGraphNetwork(c, seed: 15)
        try copy.loadState(Dictionary(uniqueKeysWithValues: model.namedState().map { ($0.name, $0.tensor) }))
        let input = randomInput(batch: 2, rows: 5, frames: 8, seed: 16)
        #expect(try copy.logits(input).real == model.logits(input).real)
        #expect(
            try PhaseGraphNetwork(configuration(edges: .plv), seed: 1).namedState().map(\.name).first == "conv0.weight")
    }

    @Test func configurationRoundTripsThroughJSON() throws {
        var c = configuration(edges: .phaseDiff, readout: .max, nodes: .frames)
        c.neighbours = 2
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(PhaseGraphConfiguration.self, from: data) == c)
    }

    @Test func badInputsAndConfigurationsThrowNamedErrors() throws {
        let model = try PhaseGraphNetwork(configuration(edges: .plv), seed: 17)
        #expect(throws: PhaseGraphError.realInputNeedsUnweightedEdges(edges: .plv)) {
            try model.logits(randomInput(batch: 1, rows: 5, frames: 8, complex: false, seed: 18))
        }
        #expect(throws: PhaseGraphError.inputShape(expected: [1, 5, 8], found: [1, 1, 5, 9])) {
            try model.logits(randomInput(batch: 1, rows: 5, frames: 9, seed: 18))
        }
        var c = configuration(edges: .none)
        c.learnableTemperature = true
        #expect(throws: PhaseGraphError.self) { try PhaseGraphNetwork(c, seed: 1) }
        c = configuration(edges: .complex)
        c.activation = .relu
        #expect(throws: PhaseGraphError.self) { try PhaseGraphNetwork(c, seed: 1) }
        c = configuration(edges: .plv, nodes: .frames)
        c.chunks = 9
        do {
            _ = try PhaseGraphNetwork(c, seed: 1)
            Issue.record("chunks > frames accepted")
        } catch {
            #expect(error.description.contains("chunks=9"))
        }
        // a real input with unweighted edges is fine
        let real = try PhaseGraphNetwork(configuration(edges: .none), seed: 19)
        #expect(try real.logits(randomInput(batch: 2, rows: 5, frames: 8, complex: false, seed: 20)).shape == [2, 3])
    }

    /// All-zero input (undefined phases, zero PLV edges), neighbour-limited graphs: finite logits and gradients.
    @Test(arguments: edgeKinds)
    func zeroInputStaysFinite(edges: PhaseGraphConfiguration.EdgeWeighting) throws {
        var c = configuration(edges: edges, readout: .max, nodes: .frames)
        c.neighbours = 1
        let model = try PhaseGraphNetwork(c, seed: 21)
        let zero = Tensor(zeros: [2, 1, 5, 8], complex: edges != .none)
        let loss = try model.logits(zero).crossEntropy(labels: [0, 1])
        #expect(loss.item.isFinite)
        loss.backward()
        #expect(model.parameters().allSatisfy { p in p.grad.real.allSatisfy { $0.isFinite } })
    }
}

/// Input normalisation divides by each sample's own RMS: scaling a sample's magnitudes leaves its
/// logits unchanged (and never touches the other samples).
@Suite struct InputNormalizationTests {
    @Test(arguments: [PhaseGraphConfiguration.EdgeWeighting.none, .plv, .complex])
    func logitsIgnoreTheScaleOfEachSample(edges: PhaseGraphConfiguration.EdgeWeighting) throws {
        var c = PhaseGraphConfiguration(classes: 2, edges: edges)
        (c.rows, c.frames) = (4, 6)
        let model = try PhaseGraphNetwork(c, seed: 30)
        let input = randomInput(batch: 2, rows: 4, frames: 6, complex: edges != .none, seed: 31)
        let factors: [Float] = (0..<48).map { $0 < 24 ? 300 : 0.01 }
        let scaled = Tensor(
            shape: input.shape, real: zip(input.real, factors).map { $0 * $1 },
            imaginary: input.imaginary.map { zip($0, factors).map { $0 * $1 } })
        expectClose(try model.logits(scaled).real, try model.logits(input).real, rtol: 1e-4, atol: 1e-5, "\(edges)")
    }
}
