import ComplexNN
import Foundation
import TestSupport
import Testing

/// Learning-rate schedules against `torch.optim.lr_scheduler` (fixtures from
/// `scripts/make_complexnn_fixtures.py` and `scripts/make_training_fixtures.py`, PyTorch 1.13),
/// values worked out by hand, and their use once per optimizer step.
@Suite struct LearningRateScheduleTests {
    @Test func schedulesMatchTorch() throws {
        let fixture = try TensorFixture("lr_schedules", in: "complexnn")
        let cosine = CosineSchedule(base: 0.1, totalSteps: 8, minimum: 0.001)
        try fixture.expectMatch((0..<10).map { cosine.learningRate(step: $0) }, "cosine", rtol: 1e-5, atol: 1e-7)
    }

    /// LambdaLR with the documented factor, read before each optimizer step, past the last one too.
    @Test func warmupCosineMatchesTorch() throws {
        let fixture = try TensorFixture("lr_warmup_cosine", in: "complexnn")
        #expect(fixture.torchVersion.hasPrefix("1.13"))
        let warm = WarmupCosineSchedule(base: 0.1, warmupSteps: 3, totalSteps: 10, minimum: 0.001)
        let cold = WarmupCosineSchedule(base: 0.02, warmupSteps: 0, totalSteps: 5)
        try fixture.expectMatch((0..<14).map { warm.learningRate(step: $0) }, "rates_w3", rtol: 1e-5, atol: 1e-8)
        try fixture.expectMatch((0..<7).map { cold.learningRate(step: $0) }, "rates_w0", rtol: 1e-5, atol: 1e-8)
    }

    /// base 0.1, W = 4, T = 12, m = 0.01: warm-up 0.1·s/4; then 0.01 + 0.09·(1 + cos(π(s − 4)/8))/2,
    /// e.g. s = 6: 0.01 + 0.045·(1 + √2/2) = 0.0868198, s = 8: 0.01 + 0.045 = 0.055.
    @Test func warmupCosineByHand() {
        let schedule = WarmupCosineSchedule(base: 0.1, warmupSteps: 4, totalSteps: 12, minimum: 0.01)
        let expected: [(step: Int, rate: Float)] = [
            (0, 0), (1, 0.025), (3, 0.075), (4, 0.1), (6, 0.0868198), (8, 0.055), (12, 0.01), (13, 0.01), (500, 0.01),
        ]
        expectClose(expected.map { schedule.learningRate(step: $0.step) }, expected.map(\.rate), rtol: 1e-6, atol: 1e-8)
        let rates = (0...14).map(schedule.learningRate(step:))
        #expect(zip(rates[0...4], rates[1...4]).allSatisfy { $0 < $1 }, "rises through the warm-up")
        #expect(zip(rates[4...12], rates[5...12]).allSatisfy { $0 > $1 }, "falls through the decay")
        #expect(rates.allSatisfy { $0 <= 0.1 } && rates[4...].allSatisfy { $0 >= 0.01 })
    }

    /// The trainer's use: `optimizer.learningRate = schedule.learningRate(step:)` before each
    /// step. With a constant gradient of 1, plain SGD moves the parameter by the sum of the rates.
    @Test func drivesAnOptimizerStepByStep() {
        let parameter = Tensor(shape: [2], real: [1, -1], requiresGrad: true)
        let optimizer: any Optimizer = SGD(parameters: [parameter], learningRate: 123)
        let schedule = WarmupCosineSchedule(base: 0.1, warmupSteps: 2, totalSteps: 6, minimum: 0.01)
        for step in 0..<6 {
            optimizer.learningRate = schedule.learningRate(step: step)
            parameter.gradReal = [1, 1]
            optimizer.step()
        }
        let total = (0..<6).reduce(Float(0)) { $0 + schedule.learningRate(step: $1) }
        expectClose(parameter.real, [1 - total, -1 - total], rtol: 0, atol: 1e-6)
    }
}
