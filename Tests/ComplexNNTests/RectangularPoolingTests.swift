import ComplexNN
import TestSupport
import Testing

/// Pooling with (height, width) windows and the global mean + max pooling: values and gradients
/// against PyTorch 1.13 (fixture from `scripts/make_pooledcnn_fixtures.py`), finite differences,
/// and the fused activation + pooling against the two separate ops.
@Suite struct RectangularPoolingTests {
    @Test(
        arguments: [
            ("max_complex_1x2", (1, 2), (1, 2)), ("max_complex_2x3_s1x2", (2, 3), (1, 2)),
            ("max_real_2x1", (2, 1), (2, 1)),
            ("avg_complex_3x2_s2x1", (3, 2), (2, 1)),
        ] as [(String, PoolingSize, PoolingSize)])
    func matchesTorch(_ name: String, _ kernel: PoolingSize, _ stride: PoolingSize) throws {
        let fixture = try TensorFixture("pooling_rectangular", in: "complexnn")
        #expect(fixture.torchVersion.hasPrefix("1.13"))
        let x = try fixture.tensor("x_" + name, requiresGrad: true)
        let y =
            name.hasPrefix("max")
            ? x.maxPooled(kernel: kernel, stride: stride) : x.averagePooled(kernel: kernel, stride: stride)
        try fixture.expectMatch(y.flatValues, "y_" + name, rtol: Tolerance.forward.rtol, atol: Tolerance.forward.atol)
        y.backward(weightedBy: try fixture.tensor("w_out_" + name))
        try fixture.expectMatch(
            x.flatGrad, "grad_x_" + name, rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
    }

    @Test(arguments: [true, false])
    func finiteDifferences(complex: Bool) {
        let x = randomTensor([2, 2, 5, 7], complex: complex, seed: 50)
        gradientCheck([x], step: 1e-3, "maxPooled 1×2") { $0[0].maxPooled(kernel: (1, 2)) }
        gradientCheck([x], step: 1e-3, "maxPooled 3×2 s 1×2") { $0[0].maxPooled(kernel: (3, 2), stride: (1, 2)) }
        gradientCheck([x], "averagePooled 2×3") { $0[0].averagePooled(kernel: (2, 3)) }
        gradientCheck([x], step: 1e-3, "globalMeanMaxPooled") { $0[0].globalMeanMaxPooled() }
        gradientCheck([x], step: 1e-3, "timeMeanMaxPooled") { $0[0].timeMeanMaxPooled() }
    }

    /// Per row, mean + max over frames, the rows kept channel-major, written out by hand.
    @Test func timeMeanMaxByHand() {
        // channel 0: rows [1, −4, 2] → −1/3 + 2 and [3, 0, 2] → 5/3 + 3; channel 1: [0, 0, 6] → 2 + 6, [1, 1, 1] → 2
        let x = Tensor(shape: [1, 2, 2, 3], real: [1, -4, 2, 3, 0, 2, 0, 0, 6, 1, 1, 1])
        expectClose(x.timeMeanMaxPooled().real, [-1.0 / 3 + 2, 5.0 / 3 + 3, 8, 2], rtol: 0, atol: 1e-6)
        #expect(x.timeMeanMaxPooled().shape == [1, 4])
    }

    /// Mean over rows, then mean + max over frames, written out by hand on one plane.
    @Test func globalMeanMaxByHand() {
        // means over the two rows, per frame: 2, −2, 2 → mean 2/3, max 2
        let x = Tensor(shape: [1, 1, 2, 3], real: [1, -4, 2, 3, 0, 2])
        expectClose(x.globalMeanMaxPooled().real, [2.0 / 3 + 2], rtol: 0, atol: 1e-6)
        // one row: mean (1.5 − 2.5i)/3, largest |z| at frame 1 (−3i)
        let z = Tensor(shape: [1, 1, 1, 3], real: [1, 0, 0.5], imaginary: [0, -3, 0.5])
        let pooled = z.globalMeanMaxPooled()
        expectClose(pooled.real, [0.5], rtol: 0, atol: 1e-6)
        expectClose(pooled.imaginary ?? [], [-2.5 / 3 - 3], rtol: 0, atol: 1e-6)
    }

    /// The fused op matches the two ops on windows that do not overlap (rectangular, and clamped
    /// to a side of 1), for every parameter-free complex activation and real ReLU.
    @Test(arguments: [ActivationKind.cardioid, .cReLU, .zReLU, .modulusTanh, .relu])
    func fusedMatchesSeparate(_ kind: ActivationKind) {
        for (shape, kernel) in [([2, 3, 5, 8], (2, 3)), ([2, 3, 1, 7], (1, 2))] as [([Int], PoolingSize)] {
            let x = randomTensor(shape, complex: !kind.isReal, seed: 51), xFused = x.detached()
            xFused.requiresGrad = true
            let separate = x.activated(kind).maxPooled(kernel: kernel)
            let fused = xFused.activatedMaxPooled(kind, kernel: kernel)
            #expect(fused.shape == separate.shape && fused.flatValues == separate.flatValues, "\(kind) \(shape)")
            let w = randomTensor(separate.shape, complex: !kind.isReal, seed: 52)
            separate.backward(weightedBy: w)
            fused.backward(weightedBy: w)
            #expect(xFused.flatGrad == x.flatGrad, "\(kind) \(shape)")
        }
    }
}
