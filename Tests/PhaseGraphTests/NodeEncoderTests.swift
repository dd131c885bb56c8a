import ComplexNN
import Foundation
import PhaseGraph
import TestSupport
import Testing

/// Learnt node features (`--node-features learned`, ``NodeEncoder``): shapes, translation
/// invariance away from the clip's borders, node-order symmetry, finite-difference gradients of
/// the whole network through the encoder, state names, and the transpose the encoder needs.
@Suite struct NodeEncoderTests {
    private func configuration(
        edges: PhaseGraphConfiguration.EdgeWeighting = .plv, positional: Bool = false, frames: Int = 16
    ) -> PhaseGraphConfiguration {
        var c = PhaseGraphConfiguration(classes: 3, edges: edges)
        (c.rows, c.frames, c.hiddenFeatures, c.encoderChannels, c.layers) = (5, frames, 6, 4, 2)
        (c.nodeFeatures, c.positional) = (.learned, positional)
        return c
    }

    @Test func transposeSwapsTheLastAxesAndItsGradientMatchesFiniteDifferences() {
        let x = randomTensor([2, 3, 4], complex: true, seed: 70)
        let t = x.transposedLastAxes()
        #expect(t.shape == [2, 4, 3])
        #expect(t.real[1 * 12 + 2 * 3 + 1] == x.real[1 * 12 + 1 * 4 + 2])
        #expect(t.transposedLastAxes().real == x.real && t.transposedLastAxes().imaginary == x.imaginary)
        gradientCheck([x], "transposedLastAxes") { $0[0].transposedLastAxes() }
        gradientCheck([randomTensor([2, 3, 4], complex: false, seed: 71)], "real") { $0[0].transposedLastAxes() }
    }

    @Test(arguments: [false, true])
    func featuresHaveTheEncoderWidth(positional: Bool) throws {
        let c = configuration(positional: positional)
        #expect(c.nodeFeatureCount == 4 && c.nodeSignalCount == 16)
        let model = try PhaseGraphNetwork(c, seed: 1)
        let (graphs, _) = try model.graphs(randomInput(batch: 2, rows: 5, frames: 16, seed: 2))
        #expect(graphs.features.shape == [2, 5, 16])  // the series; positions are added in the encoder
        let encoder = try #require(model.encoder)
        #expect(encoder(graphs.features).shape == [2, 5, 4])
        #expect(try model.logits(randomInput(batch: 2, rows: 5, frames: 16, seed: 2)).shape == [2, 3])
    }

    /// A bump moved by 4 frames (an even shift, so the max-pooling pairs stay aligned) and kept
    /// clear of the borders gives the same node features: convolutions shift with it, and the
    /// mean and maximum over time do not see where it is.
    @Test func featuresIgnoreWhereASoundSitsInTheClip() throws {
        let model = try PhaseGraphNetwork(configuration(frames: 32), seed: 3)
        let encoder = try #require(model.encoder)
        func bump(at start: Int) -> Tensor {
            let values = (0..<(5 * 32)).map { i -> Float in
                let (row, t) = (i / 32, i % 32)
                return (start..<(start + 2)).contains(t) ? Float(row + 1) * (t == start ? 0.7 : -1.3) : 0
            }
            return Tensor(shape: [1, 5, 32], real: values)
        }
        let here = encoder(bump(at: 12)), there = encoder(bump(at: 16))
        expectClose(there.real, here.real, rtol: 0, atol: 1e-6, "shifted bump")
        #expect(Set(here.real).count > 1)
    }

    @Test func logitsIgnoreNodeOrderWithoutPositions() throws {
        let model = try PhaseGraphNetwork(configuration(), seed: 4)
        let input = randomInput(batch: 2, rows: 5, frames: 16, seed: 5)
        let permuted = permutingRows(input, [3, 0, 4, 1, 2])
        expectClose(try model.logits(permuted).real, try model.logits(input).real, rtol: 1e-5, atol: 1e-6, "permuted")
    }

    /// Central differences of the cross-entropy w.r.t. every parameter scalar — the encoder's
    /// convolutions and position vectors included — against backward(), with GELU (smooth).
    @Test func gradientsThroughTheEncoderMatchFiniteDifferences() throws {
        var c = configuration(positional: true)
        c.activation = .gelu
        let model = try PhaseGraphNetwork(c, seed: 6)
        let input = randomInput(batch: 2, rows: 5, frames: 16, seed: 7), labels = [2, 0]
        gradientCheck(model.parameters(), step: 2e-3, rtol: 1e-2, atol: 2e-4, "learned node features") { _ in
            model(input).crossEntropy(labels: labels)
        }
        #expect(try #require(model.encoder?.conv0.weight.grad.real).contains { $0 != 0 })
    }

    @Test func stateNamesAndReload() throws {
        let c = configuration(positional: true)
        let model = try PhaseGraphNetwork(c, seed: 8)
        #expect(
            Array(model.namedState().map(\.name).prefix(5)) == [
                "encoder.conv0.weight", "encoder.conv0.bias", "encoder.conv1.weight", "encoder.conv1.bias",
                "encoder.position.weight",
            ])
        let copy = try PhaseGraphNetwork(c, seed: 9)
        try copy.loadState(Dictionary(uniqueKeysWithValues: model.namedState().map { ($0.name, $0.tensor) }))
        let input = randomInput(batch: 2, rows: 5, frames: 16, seed: 10)
        #expect(try copy.logits(input).real == model.logits(input).real)
    }

    /// With complex edges the encoder reads |z| and its real output enters the complex layers
    /// with zero imaginary part: finite logits that ignore node order, and gradients reach it.
    @Test func complexEdgesTakeTheEncodersOutputAsComplexValues() throws {
        let model = try PhaseGraphNetwork(configuration(edges: .complex), seed: 11)
        let input = randomInput(batch: 2, rows: 5, frames: 16, seed: 12)
        let (graphs, _) = try model.graphs(input)
        #expect(!graphs.features.isComplex)
        let logits = try model.logits(input)
        #expect(logits.shape == [2, 3] && logits.real.allSatisfy(\.isFinite))
        let permuted = permutingRows(input, [4, 2, 0, 3, 1])
        expectClose(try model.logits(permuted).real, logits.real, rtol: 1e-5, atol: 1e-6, "permuted")
        logits.crossEntropy(labels: [1, 2]).backward()
        #expect(try #require(model.encoder?.conv1.weight.grad.real).contains { $0 != 0 })
    }

    /// Every edge weighting and readout takes learnt node features: finite logits, and a backward
    /// pass that reaches the encoder.
    @Test(
        arguments: PhaseGraphConfiguration.EdgeWeighting.allCases, PhaseGraphConfiguration.Readout.allCases)
    func everyEdgeWeightingAndReadoutTrains(
        edges: PhaseGraphConfiguration.EdgeWeighting, readout: PhaseGraphConfiguration.Readout
    ) throws {
        var c = configuration(edges: edges, positional: true)
        (c.readout, c.learnableTemperature) = (readout, edges != .none)
        let model = try PhaseGraphNetwork(c, seed: 13)
        let logits = try model.logits(randomInput(batch: 3, rows: 5, frames: 16, complex: edges != .none, seed: 14))
        #expect(logits.shape == [3, 3] && logits.real.allSatisfy(\.isFinite))
        logits.crossEntropy(labels: [0, 1, 2]).backward()
        #expect(try #require(model.encoder?.conv0.weight.grad.real).contains { $0 != 0 })
    }
}
