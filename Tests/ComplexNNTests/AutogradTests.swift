import ComplexNN
import TestSupport
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
            #expect(
                y.real == [0] && y.imaginary == [0] && z.gradReal == [0] && z.gradImaginary == [0] && b.gradReal == [0])
        }
        let z = Tensor(shape: [1], real: [0], imaginary: [0], requiresGrad: true)
        z.modulus().sum().backward()
        #expect(z.gradReal == [0] && z.gradImaginary == [0])
    }

    /// E|w|² matches the scheme's variance (2/fanIn for He, 2/(fanIn + fanOut) for Glorot) for
    /// complex (Rayleigh modulus, uniform phase) and real weights; the mean is 0; seeds reproduce.
    @Test(arguments: [(Initializer.he, true), (.he, false), (.glorot, true), (.glorot, false)])
    func initialisationHasTheTargetVariance(_ scheme: Initializer, _ complex: Bool) {
        var generator = SeededGenerator(seed: 9)
        let (fanIn, fanOut, n) = (50, 30, 40000)
        let w = scheme.weights(count: n, fanIn: fanIn, fanOut: fanOut, complex: complex, using: &generator)
        let imaginary = w.imaginary ?? [Float](repeating: 0, count: n)
        let meanSquare = zip(w.real, imaginary).reduce(Float(0)) { $0 + $1.0 * $1.0 + $1.1 * $1.1 } / Float(n)
        let target: Float = scheme == .he ? 2 / Float(fanIn) : 2 / Float(fanIn + fanOut)
        #expect(abs(meanSquare / target - 1) < 0.03)
        #expect(abs(w.real.reduce(0, +) / Float(n)) < 0.01 * target.squareRoot() * 10)
        var again = SeededGenerator(seed: 9)
        #expect(
            scheme.weights(count: 8, fanIn: fanIn, fanOut: fanOut, complex: complex, using: &again).real
                == Array(w.real.prefix(8)))
    }

    @Test func poolingLayersApplyTheirOps() {
        let x = randomTensor([1, 2, 5, 5], seed: 5)
        let y = Pool2d(.average, kernel: 2)(Pool2d(.max, kernel: 2)(x))
        let pooled = x.maxPooled(kernel: 2).averagePooled(kernel: 2)
        #expect(y.shape == [1, 2, 1, 1] && y.real == pooled.real && y.imaginary == pooled.imaginary)
    }

    @Test func checkedShapeRejectsWrongLengths() {
        let error = #expect(throws: TensorShapeError.self) {
            try Tensor(
                checkedShape: [2, 3], real: [Float](repeating: 0, count: 6), imaginary: [Float](repeating: 0, count: 5))
        }
        #expect(error?.description == "shape [2, 3] needs 6 values per plane, got 6 real and 5 imaginary")
        #expect(throws: Never.self) { try Tensor(checkedShape: [2, 3], real: [Float](repeating: 0, count: 6)) }
    }

    private func expectCloseTensors(_ a: [Float], _ b: [Float]) {
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
    }
}
