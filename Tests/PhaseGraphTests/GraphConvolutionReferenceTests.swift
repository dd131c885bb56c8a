import ComplexNN
import PhaseGraph
import TestSupport
import Testing

/// `GraphConvolution` on ``symmetricNormalizedAdjacency`` against PyTorch: PyG's `gcn_norm` +
/// `GCNConv` on an edge list, and the Hermitian complex convolution in complex64
/// (fixtures from `scripts/make_phasegraph_fixtures.py`). Forward ≤ 1e-5 relative, backward ≤ 1e-4.
@Suite struct GraphConvolutionReferenceTests {
    /// A convolution holding the fixture's weight and bias.
    private func convolution(_ fixture: TensorFixture, complex: Bool) throws -> GraphConvolution {
        let weight = try fixture.tensor("weight"), bias = try fixture.tensor("bias")
        var generator = SeededGenerator(seed: 0)
        let conv = GraphConvolution(
            inputFeatures: weight.shape[1], outputFeatures: weight.shape[0], complex: complex, generator: &generator)
        (conv.weight.real, conv.weight.imaginary) = (weight.real, weight.imaginary)
        (conv.bias.real, conv.bias.imaginary) = (bias.real, bias.imaginary)
        return conv
    }

    /// `[b, n, n]` values transposed in each item.
    private func transposed(_ values: [Float], batch: Int, nodes n: Int) -> [Float] {
        (0..<(batch * n * n)).map { index in
            let (item, i, j) = (index / (n * n), index / n % n, index % n)
            return values[(item * n + j) * n + i]
        }
    }

    @Test func realMatchesPyGGCNConv() throws {
        let fixture = try TensorFixture("gcn", in: "phasegraph")
        let conv = try convolution(fixture, complex: false)
        let x = try fixture.tensor("x", requiresGrad: true)
        let raw = try fixture.tensor("edge_weights")
        let (batch, n) = (raw.shape[0], raw.shape[1])
        // PyG's edge (i → j) of weight w[i, j] sends x_i to node j and counts in deg(j): Â = norm(wᵀ).
        let weights = Tensor(shape: raw.shape, real: transposed(raw.real, batch: batch, nodes: n), requiresGrad: true)
        let out = conv(x, adjacency: weights.symmetricNormalizedAdjacency())
        try fixture.expectMatch(out, "out", rtol: 1e-5, atol: 1e-6)
        out.backward(seedReal: try fixture.tensor("w_out").real, seedImaginary: nil)
        try fixture.expectMatch(x.grad, "grad_x", rtol: 1e-4, atol: 1e-5)
        try fixture.expectMatch(conv.weight.grad, "grad_weight", rtol: 1e-4, atol: 1e-5)
        try fixture.expectMatch(conv.bias.grad, "grad_bias", rtol: 1e-4, atol: 1e-5)
        // Edge-weight gradients exist in PyG only for present edges (w > 0).
        let expected = transposed(try fixture.tensor("grad_edge_weights").real, batch: batch, nodes: n)
        let present = weights.real.indices.filter { weights.real[$0] > 0 }
        #expect(present.count == 2 * n * (n - 1) - 2 * (n - 1))
        expectClose(
            present.map { weights.grad.real[$0] }, present.map { expected[$0] }, rtol: 1e-4, atol: 1e-5,
            "grad_edge_weights")
    }

    @Test func complexMatchesTorchHermitianConvolution() throws {
        let fixture = try TensorFixture("complex_gcn", in: "phasegraph")
        let conv = try convolution(fixture, complex: true)
        let x = try fixture.tensor("x", requiresGrad: true)
        let weights = try fixture.tensor("edge_weights", requiresGrad: true), angles = try fixture.tensor("angles")
        let adjacency = weights.symmetricNormalizedAdjacency(phases: angles)
        try fixture.expectMatch(adjacency, "adjacency", rtol: 1e-5, atol: 1e-6)
        let out = conv(x, adjacency: adjacency)
        try fixture.expectMatch(out, "out", rtol: 1e-5, atol: 1e-6)
        let seed = try fixture.tensor("w_out")
        out.backward(seedReal: seed.real, seedImaginary: seed.imaginary)
        try fixture.expectMatch(x.grad, "grad_x", rtol: 1e-4, atol: 1e-5)
        try fixture.expectMatch(conv.weight.grad, "grad_weight", rtol: 1e-4, atol: 1e-5)
        try fixture.expectMatch(conv.bias.grad, "grad_bias", rtol: 1e-4, atol: 1e-5)
        // At w = 0 (the isolated node's absent edges) torch's `polar` backward uses sgn(0) = 0 and
        // drops the direct term e^{iθ}; compare where w > 0, where the derivative is unambiguous.
        let expected = try fixture.tensor("grad_edge_weights").real
        let present = weights.real.indices.filter { weights.real[$0] > 0 }
        #expect(present.count == 2 * 5 * 4 - 2 * 4)
        expectClose(
            present.map { weights.grad.real[$0] }, present.map { expected[$0] }, rtol: 1e-4, atol: 1e-5,
            "grad_edge_weights")
    }

    @Test func fixtureRecordsItsTorchVersion() throws {
        let fixture = try TensorFixture("gcn", in: "phasegraph")
        let version = String(decoding: fixture.arrays["torch_version"]?.bytes ?? [], as: UTF8.self)
        #expect(version.hasPrefix("1.13"))
    }
}
