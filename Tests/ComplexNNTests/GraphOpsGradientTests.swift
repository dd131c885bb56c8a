import ComplexNN
import TestSupport
import Testing

/// Central finite differences against the analytic backward of the ops added for graph networks:
/// batched matmul, axis-1 reductions, softmax, exp and scalar scaling (the normalised adjacency,
/// PhaseGraph's own op, is checked in PhaseGraphTests' `NormalizedAdjacencyTests`).
@Suite struct GraphOpsGradientTests {
    @Test(arguments: [true, false])
    func batchedMatmul(complex: Bool) {
        let a = randomTensor([3, 2, 4], complex: complex, seed: 40),
            b = randomTensor([3, 4, 5], complex: complex, seed: 41)
        gradientCheck([a, b], "batchedMatmul") { $0[0].batchedMatmul($0[1]) }
    }

    @Test func batchedMatmulMatchesMatmulPerItem() throws {
        let a = randomTensor([2, 3, 4], seed: 42), b = randomTensor([2, 4, 2], seed: 43)
        let product = a.batchedMatmul(b)
        for item in 0..<2 {
            let ai = Tensor(
                shape: [3, 4], real: Array(a.real[(item * 12)..<((item + 1) * 12)]),
                imaginary: Array(a.imaginary![(item * 12)..<((item + 1) * 12)]))
            let bi = Tensor(
                shape: [4, 2], real: Array(b.real[(item * 8)..<((item + 1) * 8)]),
                imaginary: Array(b.imaginary![(item * 8)..<((item + 1) * 8)]))
            let expected = ai.matmul(bi)
            expectClose(
                Array(product.real[(item * 6)..<((item + 1) * 6)]), expected.real, rtol: 0, atol: 1e-6, "real \(item)")
            expectClose(
                Array(product.imaginary![(item * 6)..<((item + 1) * 6)]), try #require(expected.imaginary), rtol: 0,
                atol: 1e-6, "imaginary \(item)")
        }
    }

    @Test(arguments: [true, false])
    func axisReductions(complex: Bool) {
        let x = randomTensor([2, 3, 4], complex: complex, seed: 46)
        gradientCheck([x], "meanAlongAxis1") { $0[0].meanAlongAxis1() }
        gradientCheck([x], step: 1e-3, "maxAlongAxis1") { $0[0].maxAlongAxis1() }
    }

    @Test func softmaxExpAndScalar() {
        let x = randomTensor([2, 3, 4], complex: false, seed: 47), s = randomTensor([1], complex: false, seed: 48)
        gradientCheck([x], "softmaxLastAxis") { $0[0].softmaxLastAxis() }
        gradientCheck([x], step: 1e-3, "exp") { $0[0].exp() }
        gradientCheck([x, s], "scaled(byScalar:)") { $0[0].scaled(byScalar: $0[1]) }
    }

    @Test func softmaxRowsSumToOne() {
        let s = randomTensor([3, 5], complex: false, scale: 20, seed: 49).softmaxLastAxis()
        for row in 0..<3 { #expect(abs(s.real[(row * 5)..<((row + 1) * 5)].reduce(0, +) - 1) < 1e-6) }
    }
}
