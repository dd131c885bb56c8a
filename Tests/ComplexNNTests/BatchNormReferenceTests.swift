import ComplexNN
import TestSupport
import Testing

/// Batch norms against PyTorch: complex BN (whitening written with torch ops in the fixture
/// script) and `torch.nn.BatchNorm2d`, over two training steps (checking the running statistics
/// after each) and one evaluation step.
@Suite struct BatchNormReferenceTests {
    let f = Tolerance.forward, g = Tolerance.gradient

    /// Three steps (two in training, one in evaluation): output, input gradient, the gradient
    /// of each `parameters` entry (fixture key → tensor) and each `buffers` entry after the step.
    func checkSteps(
        _ fixture: TensorFixture, _ bn: any Module, parameters: [(String, Tensor)], buffers: [(String, Tensor)]
    ) throws {
        for step in 0..<3 {
            if step == 2 { bn.eval() }
            bn.zeroGrad()
            let x = try fixture.tensor("x\(step)", requiresGrad: true)
            let y = bn(x)
            try fixture.expectMatch(y.flatValues, "y\(step)", rtol: f.rtol, atol: f.atol)
            y.backward(weightedBy: try fixture.tensor("w_out\(step)"))
            try fixture.expectMatch(x.flatGrad, "grad_x\(step)", rtol: g.rtol, atol: g.atol)
            for (key, tensor) in parameters {
                try fixture.expectMatch(tensor.flatGrad, "grad_\(key)\(step)", rtol: g.rtol, atol: g.atol)
            }
            for (key, tensor) in buffers {
                try fixture.expectMatch(tensor.flatValues, "running_\(key)\(step)", rtol: f.rtol, atol: f.atol)
            }
        }
    }

    @Test func complexBatchNormMatchesTorch() throws {
        let fixture = try TensorFixture("complex_batchnorm", in: "complexnn")
        let bn = ComplexBatchNorm(channels: 3)
        bn.gammaRR.real = try fixture.values("gamma_rr")
        bn.gammaRI.real = try fixture.values("gamma_ri")
        bn.gammaII.real = try fixture.values("gamma_ii")
        let beta = try fixture.tensor("beta")
        (bn.beta.real, bn.beta.imaginary) = (beta.real, beta.imaginary)
        try checkSteps(
            fixture, bn,
            parameters: [
                ("gamma_rr", bn.gammaRR), ("gamma_ri", bn.gammaRI), ("gamma_ii", bn.gammaII), ("beta", bn.beta),
            ],
            buffers: [("mean", bn.runningMean), ("vrr", bn.runningVRR), ("vri", bn.runningVRI), ("vii", bn.runningVII)])
    }

    @Test func realBatchNormMatchesTorch() throws {
        let fixture = try TensorFixture("real_batchnorm", in: "complexnn")
        let bn = BatchNorm(channels: 3)
        bn.weight.real = try fixture.values("weight")
        bn.bias.real = try fixture.values("bias")
        try checkSteps(
            fixture, bn, parameters: [("weight", bn.weight), ("bias", bn.bias)],
            buffers: [("mean", bn.runningMean), ("var", bn.runningVariance)])
    }
}
