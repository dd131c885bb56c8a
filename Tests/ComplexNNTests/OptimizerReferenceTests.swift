import ComplexNN
import TestSupport
import Testing

/// Optimizer steps against `torch.optim` on a complex and a real parameter with fixed gradients.
@Suite struct OptimizerReferenceTests {
    @Test(arguments: ["sgd_momentum", "sgd_nesterov", "adam", "adamw"])
    func optimizerMatchesTorch(_ name: String) throws {
        let fixture = try TensorFixture("optimizer_" + name, in: "complexnn")
        let p = try fixture.tensor("p_init", requiresGrad: true), q = try fixture.tensor("q_init", requiresGrad: true)
        let optimizer: any Optimizer =
            switch name {
            case "sgd_momentum": SGD(parameters: [p, q], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
            case "sgd_nesterov":
                SGD(parameters: [p, q], learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01)
            case "adam": Adam(parameters: [p, q], learningRate: 0.01, weightDecay: 0.01)
            default: AdamW(parameters: [p, q], learningRate: 0.01, weightDecay: 0.1)
            }
        for step in 0..<3 {
            let gp = try fixture.tensor("grad_p\(step)")
            (p.gradReal, p.gradImaginary) = (gp.real, gp.imaginary!)
            q.gradReal = try fixture.values("grad_q\(step)")
            optimizer.step()
            try fixture.expectMatch(p.flatValues, "p\(step)", rtol: 1e-5, atol: 1e-6)
            try fixture.expectMatch(q.flatValues, "q\(step)", rtol: 1e-5, atol: 1e-6)
        }
    }
}
