import ComplexNN
import TestSupport
import Testing

/// Forward values and gradients of every layer and op against PyTorch 1.13 complex64 autograd
/// (fixtures from `scripts/make_complexnn_fixtures.py`).
@Suite struct TorchReferenceTests {
    /// Runs `forward` on fixture leaves `inputs`, backpropagates `w_out`, and compares `y` and
    /// every `grad_<input>`.
    func check(_ name: String, inputs: [String], forward: ([Tensor]) -> Tensor) throws {
        let fixture = try TensorFixture(name, in: "complexnn")
        #expect(fixture.torchVersion.hasPrefix("1.13"))
        let leaves = try inputs.map { try fixture.tensor($0, requiresGrad: true) }
        let y = forward(leaves)
        try fixture.expectMatch(y.flatValues, "y", rtol: Tolerance.forward.rtol, atol: Tolerance.forward.atol)
        y.backward(weightedBy: try fixture.tensor("w_out"))
        for (key, leaf) in zip(inputs, leaves) {
            try fixture.expectMatch(
                leaf.flatGrad, "grad_" + key, rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
        }
    }

    @Test(arguments: ["linear_complex", "linear_real"])
    func linear(_ name: String) throws {
        try check(name, inputs: ["x", "weight", "bias"]) { t in
            t[0].matmul(t[1], transposingRight: true).addingChannelBias(t[2])
        }
    }

    @Test(arguments: ["conv2d_complex", "conv2d_real"])
    func conv2d(_ name: String) throws {
        let geometry = ConvolutionGeometry(kernel: (3, 2), stride: (2, 1), padding: (1, 2), dilation: (1, 2))
        try check(name, inputs: ["x", "weight", "bias"]) { t in
            t[0].convolved2D(with: t[1], outChannels: 4, geometry: geometry).addingChannelBias(t[2])
        }
    }

    @Test func conv1dLayer() throws {
        let fixture = try TensorFixture("conv1d_complex", in: "complexnn")
        var generator = SeededGenerator(seed: 1)
        let layer = Conv1d(
            inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, dilation: 2, generator: &generator)
        layer.weight.real = try fixture.tensor("weight").real
        layer.weight.imaginary = try fixture.tensor("weight").imaginary
        layer.bias!.real = try fixture.tensor("bias").real
        layer.bias!.imaginary = try fixture.tensor("bias").imaginary
        try check("conv1d_complex", inputs: ["x"]) { layer($0[0]) }
        try fixture.expectMatch(
            layer.weight.flatGrad, "grad_weight", rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
        try fixture.expectMatch(
            layer.bias!.flatGrad, "grad_bias", rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
    }

    @Test(arguments: [ActivationKind.cReLU, .zReLU, .cardioid, .splitTanh, .splitSigmoid, .modulusTanh])
    func complexActivation(_ kind: ActivationKind) throws {
        try check("activation_\(kind.rawValue)", inputs: ["z"]) { $0[0].activated(kind) }
    }

    @Test(arguments: [ActivationKind.relu, .gelu])
    func realActivation(_ kind: ActivationKind) throws {
        try check("activation_\(kind.rawValue)", inputs: ["input"]) { $0[0].activated(kind) }
    }

    @Test func modReLU() throws {
        try check("activation_modReLU", inputs: ["z", "bias"]) { $0[0].modReLU(bias: $0[1]) }
    }

    @Test(arguments: [("maxpool_complex", 2, 2), ("maxpool_complex_k3s2", 3, 2), ("maxpool_real", 2, 2)])
    func maxPooling(_ name: String, _ kernel: Int, _ stride: Int) throws {
        try check(name, inputs: ["x"]) { $0[0].maxPooled(kernel: kernel, stride: stride) }
    }

    @Test func averagePooling() throws {
        try check("avgpool_complex_k3s2", inputs: ["x"]) { $0[0].averagePooled(kernel: 3, stride: 2) }
        try check("globalavgpool_complex", inputs: ["x"]) { $0[0].globalAveragePooled() }
    }

    @Test(arguments: [("cross_entropy_modulus_ls0", Float(0)), ("cross_entropy_modulus_ls1", 0.1)])
    func crossEntropyOfModulus(_ name: String, _ smoothing: Float) throws {
        let fixture = try TensorFixture(name, in: "complexnn")
        let z = try fixture.tensor("z", requiresGrad: true)
        let loss = z.modulus().crossEntropy(labels: try fixture.ints("labels"), labelSmoothing: smoothing)
        try fixture.expectMatch([loss.item], "loss", rtol: Tolerance.forward.rtol, atol: Tolerance.forward.atol)
        loss.backward()
        try fixture.expectMatch(z.flatGrad, "grad_z", rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
    }
}
