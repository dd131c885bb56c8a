import ComplexNN
import Testing

/// Batch norms against PyTorch: complex BN (whitening written with torch ops in the fixture
/// script) and `torch.nn.BatchNorm2d`, over two training steps (checking the running statistics
/// after each) and one evaluation step.
@Suite struct BatchNormReferenceTests {
    let f = Tolerance.forward, g = Tolerance.gradient

    @Test func complexBatchNormMatchesTorch() throws {
        let fixture = try TorchFixture("complex_batchnorm")
        let bn = ComplexBatchNorm(channels: 3)
        bn.gammaRR.real = try fixture.values("gamma_rr")
        bn.gammaRI.real = try fixture.values("gamma_ri")
        bn.gammaII.real = try fixture.values("gamma_ii")
        let beta = try fixture.tensor("beta")
        (bn.beta.real, bn.beta.imaginary) = (beta.real, beta.imaginary)
        for step in 0..<3 {
            if step == 2 { bn.eval() }
            bn.zeroGrad()
            let x = try fixture.tensor("x\(step)", requiresGrad: true)
            let y = bn(x)
            try fixture.expectMatch(y.flatValues, "y\(step)", rtol: f.rtol, atol: f.atol)
            y.backward(weightedBy: try fixture.tensor("w_out\(step)"))
            try fixture.expectMatch(x.flatGrad, "grad_x\(step)", rtol: g.rtol, atol: g.atol)
            for (key, tensor) in [("gamma_rr", bn.gammaRR), ("gamma_ri", bn.gammaRI), ("gamma_ii", bn.gammaII), ("beta", bn.beta)] {
                try fixture.expectMatch(tensor.flatGrad, "grad_\(key)\(step)", rtol: g.rtol, atol: g.atol)
            }
            try fixture.expectMatch(bn.runningMean.flatValues, "running_mean\(step)", rtol: f.rtol, atol: f.atol)
            try fixture.expectMatch(bn.runningVRR.real, "running_vrr\(step)", rtol: f.rtol, atol: f.atol)
            try fixture.expectMatch(bn.runningVRI.real, "running_vri\(step)", rtol: f.rtol, atol: f.atol)
            try fixture.expectMatch(bn.runningVII.real, "running_vii\(step)", rtol: f.rtol, atol: f.atol)
        }
    }

    @Test func realBatchNormMatchesTorch() throws {
        let fixture = try TorchFixture("real_batchnorm")
        let bn = BatchNorm(channels: 3)
        bn.weight.real = try fixture.values("weight")
        bn.bias.real = try fixture.values("bias")
        for step in 0..<3 {
            if step == 2 { bn.eval() }
            bn.zeroGrad()
            let x = try fixture.tensor("x\(step)", requiresGrad: true)
            let y = bn(x)
            try fixture.expectMatch(y.real, "y\(step)", rtol: f.rtol, atol: f.atol)
            y.backward(weightedBy: try fixture.tensor("w_out\(step)"))
            try fixture.expectMatch(x.flatGrad, "grad_x\(step)", rtol: g.rtol, atol: g.atol)
            try fixture.expectMatch(bn.weight.flatGrad, "grad_weight\(step)", rtol: g.rtol, atol: g.atol)
            try fixture.expectMatch(bn.bias.flatGrad, "grad_bias\(step)", rtol: g.rtol, atol: g.atol)
            try fixture.expectMatch(bn.runningMean.real, "running_mean\(step)", rtol: f.rtol, atol: f.atol)
            try fixture.expectMatch(bn.runningVariance.real, "running_var\(step)", rtol: f.rtol, atol: f.atol)
        }
    }
}
