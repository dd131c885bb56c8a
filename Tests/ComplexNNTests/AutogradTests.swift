import ComplexNN
import Testing

/// The autograd machinery: convention, accumulation, graph walking, no-grad mode, values at z = 0.
@Suite struct AutogradTests {
    @Test func squaredModulusGivesTwiceZ() {
        let z = randomTensor([5], seed: 1)
        let m = z.modulus()
        (m * m).sum().backward()
        expectCloseTensors(z.grad.real, z.real.map { 2 * $0 })
        expectCloseTensors(z.grad.imaginary!, z.imaginary!.map { 2 * $0 })
    }

    @Test func gradientsAccumulateAndReset() {
        let x = randomTensor([3], complex: false, seed: 2)
        (x + x).sum().backward()
        #expect(x.gradReal == [2, 2, 2])
        (x * x).sum().backward()
        expectCloseTensors(x.gradReal, x.real.map { 2 + 2 * $0 })
        x.zeroGrad()
        #expect(x.grad.real == [0, 0, 0])
    }

    @Test func diamondGraphVisitsEachNodeOnce() {
        let a = randomTensor([4], seed: 3), b = randomTensor([4], seed: 4)
        let product = a * b
        (product.realPart() + (product * a).imaginaryPart()).sum().backward()
        // d/da of Re(ab) + Im(a²b): by Wirtinger, g_a = conj(b)·1 + conj(2ab)·i
        for i in 0..<4 {
            let (ar, ai, br, bi) = (a.real[i], a.imaginary![i], b.real[i], b.imaginary![i])
            let wr = 2 * (ar * br - ai * bi), wi = 2 * (ar * bi + ai * br)  // 2ab
            #expect(abs(a.gradReal[i] - (br + wi)) < 1e-5)
            #expect(abs(a.gradImaginary[i] - (-bi + wr)) < 1e-5)
        }
    }

    @Test func noGradientModeRecordsNothing() {
        let x = randomTensor([3], complex: false, seed: 5)
        let y = GradientMode.withoutGradients { (x * x).sum() }
        #expect(!y.requiresGrad)
        #expect(GradientMode.isEnabled)
        y.backward()
        #expect(x.gradReal.isEmpty)
    }

    @Test func activationsAtZeroAreDefined() {
        for kind in [ActivationKind.cardioid, .modulusTanh] {
            let z = Tensor(shape: [1], real: [0], imaginary: [0], requiresGrad: true)
            let y = z.activated(kind)
            #expect(y.real == [0] && y.imaginary == [0], "\(kind)(0) = 0")
            y.backward(seedReal: [0.3], seedImaginary: [-0.7])
            #expect(z.gradReal == [0.3] && z.gradImaginary == [-0.7], "\(kind) has identity Jacobian at 0")
        }
        for bias: Float in [-0.5, 0.5] {
            let z = Tensor(shape: [1, 1], real: [0], imaginary: [0], requiresGrad: true)
            let b = Tensor(shape: [1], real: [bias], requiresGrad: true)
            let y = z.modReLU(bias: b)
            y.backward(seedReal: [1], seedImaginary: [1])
            #expect(y.real == [0] && y.imaginary == [0] && z.gradReal == [0] && z.gradImaginary == [0] && b.gradReal == [0])
        }
        let z = Tensor(shape: [1], real: [0], imaginary: [0], requiresGrad: true)
        z.modulus().sum().backward()
        #expect(z.gradReal == [0] && z.gradImaginary == [0])
    }

    @Test func complexHeInitialisationHasTheTargetVariance() {
        var generator = SeededGenerator(seed: 9)
        let fanIn = 50
        let w = Initializer.he.weights(count: 40000, fanIn: fanIn, fanOut: 10, complex: true, using: &generator)
        let meanSquare = zip(w.real, w.imaginary!).reduce(Float(0)) { $0 + $1.0 * $1.0 + $1.1 * $1.1 } / 40000
        #expect(abs(meanSquare / (2 / Float(fanIn)) - 1) < 0.03)
        let meanRe = w.real.reduce(0, +) / 40000
        #expect(abs(meanRe) < 0.01)
        var again = SeededGenerator(seed: 9)
        #expect(Initializer.he.weights(count: 8, fanIn: fanIn, fanOut: 10, complex: true, using: &again).real == Array(w.real.prefix(8)))
    }

    private func expectCloseTensors(_ a: [Float], _ b: [Float]) {
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
    }
}
