import ComplexNN
import Testing

@Suite struct OptimizerStateTests {
    /// A complex and a real parameter with a fixed gradient per step.
    private func parameters() -> [Tensor] {
        [
            Tensor(shape: [3], real: [1, -2, 0.5], imaginary: [0.2, 0, -1], requiresGrad: true),
            Tensor(shape: [2], real: [0.3, 4], requiresGrad: true),
        ]
    }

    private func step(_ optimizer: any Optimizer, _ parameters: [Tensor], _ k: Int) {
        for (i, p) in parameters.enumerated() {
            p.gradReal = p.real.enumerated().map { Float($0.offset + k + i) * 0.1 - $0.element }
            p.gradImaginary = p.imaginary.map { $0.map { 0.3 * $0 - Float(k) * 0.05 } } ?? []
        }
        optimizer.step()
    }

    /// Stepping on from a restored state equals stepping on without interruption, bit for bit.
    @Test(arguments: ["sgd", "adam", "adamw"])
    func restoredOptimizerContinuesExactly(kind: String) throws {
        func make(_ p: [Tensor]) -> any Optimizer {
            switch kind {
            case "sgd": SGD(parameters: p, learningRate: 0.1, momentum: 0.9, nesterov: true)
            case "adam": Adam(parameters: p, learningRate: 0.01)
            default: AdamW(parameters: p, learningRate: 0.01)
            }
        }
        let (a, b) = (parameters(), parameters())
        let (first, second) = (make(a), make(b))
        for k in 0..<2 {
            step(first, a, k)
            step(second, b, k)
        }
        let resumed = make(b)
        try resumed.restoreState(second.exportState())
        for k in 2..<5 {
            step(first, a, k)
            step(resumed, b, k)
        }
        #expect(a.map(\.real) == b.map(\.real) && a.map(\.imaginary) == b.map(\.imaginary))
        #expect(first.exportState() == resumed.exportState())
    }

    @Test func stateOfAnotherKindOrSizeIsRejected() {
        let parameter = Tensor(shape: [2], real: [1, 2], imaginary: [0, 1], requiresGrad: true)
        let sgd = SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9)
        parameter.gradReal = [1, 1]
        parameter.gradImaginary = [1, 1]
        sgd.step()
        let state = sgd.exportState()
        #expect(state.buffers.keys.sorted() == ["velocity.0.0", "velocity.0.1"])
        #expect(throws: OptimizerStateError.self) { try Adam(parameters: [parameter]).restoreState(state) }
        let wrongSize = SGD(
            parameters: [Tensor(shape: [3], real: [0, 0, 0], requiresGrad: true)], learningRate: 0.1, momentum: 0.9)
        #expect(throws: OptimizerStateError.self) { try wrongSize.restoreState(state) }
    }
}
