import ComplexNN
import Dispatch
import TestSupport
import Testing

/// The multi-core and fused paths against plain references, at sizes large enough to take them
/// (products split by plane and by row/column blocks, elementwise sweeps split by blocks).
@Suite struct ParallelKernelTests {
    /// `matmul` of either kind, with and without a transposed right operand, in a wide shape
    /// (split by columns) and a tall one (split by rows): the product and both gradients against
    /// the same products computed in Double.
    @Test(arguments: [true, false], [false, true])
    func matrixProductsMatchAReference(complex: Bool, transposingRight: Bool) {
        for (m, k, n) in [(40, 90, 130), (150, 40, 60)] {
            let a = randomTensor([m, k], complex: complex, seed: 1)
            let b = randomTensor(transposingRight ? [n, k] : [k, n], complex: complex, seed: 2)
            let product = a.matmul(b, transposingRight: transposingRight)
            let opB = ComplexMatrix(b, transposed: transposingRight)
            expectClose(product, ComplexMatrix(a).times(opB), "A·op(B) \(m)×\(k)×\(n)")

            let g = randomTensor([m, n], complex: complex, seed: 3)
            product.backward(seedReal: g.real, seedImaginary: g.imaginary)
            expectClose(a.grad, ComplexMatrix(g).times(opB.adjoint), "g_A = G·op(B)ᴴ")
            let gOpB = ComplexMatrix(a).adjoint.times(ComplexMatrix(g))  // g_op(B) = Aᴴ·G
            expectClose(b.grad, transposingRight ? gOpB.transposed : gOpB, "g_B")
        }
    }

    /// A real input convolved with complex weights equals the same input with a zero imaginary
    /// part — output and weight/bias gradients exactly, input gradient as the real part.
    @Test func realInputConvolutionEqualsZeroImaginaryPart() {
        var generator = SeededGenerator(seed: 5)
        let conv = Conv2d(
            inChannels: 2, outChannels: 6, geometry: ConvolutionGeometry(kernel: (2, 2)), generator: &generator)
        conv.bias!.real = (0..<6).map { Float($0) / 10 }
        conv.bias!.imaginary = (0..<6).map { -Float($0) / 7 }
        let x = randomTensor([16, 2, 13, 40], complex: false, seed: 6)
        let xComplex = Tensor(
            shape: x.shape, real: x.real, imaginary: [Float](repeating: 0, count: x.count), requiresGrad: true)
        let g = randomTensor([16, 6, 12, 39], seed: 7)

        func run(_ input: Tensor) -> (output: Tensor, weight: Tensor, bias: Tensor) {
            conv.zeroGrad()
            let output = conv(input)
            output.backward(seedReal: g.real, seedImaginary: g.imaginary)
            return (output, conv.weight.grad, conv.bias!.grad)
        }
        let real = run(x), complex = run(xComplex)
        #expect(real.output.real == complex.output.real && real.output.imaginary == complex.output.imaginary)
        #expect(real.weight.real == complex.weight.real && real.weight.imaginary == complex.weight.imaginary)
        #expect(real.bias.real == complex.bias.real && real.bias.imaginary == complex.bias.imaginary)
        #expect(x.grad.real == xComplex.grad.real)
    }

    /// The fused activation + |z|-max-pool against the two ops: identical values and gradients
    /// for non-overlapping windows; for overlapping ones identical values and gradients equal up
    /// to the order of two additions.
    @Test(arguments: [ActivationKind.cardioid, .cReLU, .zReLU, .splitTanh, .splitSigmoid, .modulusTanh])
    func fusedActivationAndPoolingMatchesTheTwoOps(_ kind: ActivationKind) {
        for (kernel, stride) in [(2, 2), (3, 2)] {
            let x = randomTensor([32, 10, 12, 25], seed: 11), xFused = x.detached()
            xFused.requiresGrad = true
            let separate = x.activated(kind).maxPooled(kernel: kernel, stride: stride)
            let fused = xFused.activatedMaxPooled(kind, kernel: kernel, stride: stride)
            #expect(fused.shape == separate.shape)
            #expect(fused.real == separate.real && fused.imaginary == separate.imaginary, "\(kind) \(kernel)/\(stride)")
            let g = randomTensor(separate.shape, seed: 12)
            separate.backward(seedReal: g.real, seedImaginary: g.imaginary)
            fused.backward(seedReal: g.real, seedImaginary: g.imaginary)
            if stride >= kernel {
                #expect(xFused.grad.real == x.grad.real && xFused.grad.imaginary == x.grad.imaginary, "\(kind)")
            } else {
                expectClose(xFused.grad, ComplexMatrix(x.grad), "\(kind) overlapping", rtol: 1e-6)
            }
        }
    }
}

extension ParallelKernelTests {
    /// Convolution → activation → |z|-max-pool in one op against the convolution and the fused
    /// activation + pooling: the same values and the same input, weight and bias gradients, bit
    /// for bit (the same products and loops, one item at a time), for a complex and a real input,
    /// with padding and a stride.
    @Test(arguments: [ActivationKind.cardioid, .cReLU, .modulusTanh], [true, false])
    func fusedConvolutionBlockMatchesTheTwoOps(_ kind: ActivationKind, complexInput: Bool) {
        var generator = SeededGenerator(seed: 31)
        let geometry = ConvolutionGeometry(kernel: (3, 2), stride: (1, 2), padding: (1, 1))
        let conv = Conv2d(inChannels: 3, outChannels: 5, geometry: geometry, generator: &generator)
        conv.bias!.real = (0..<5).map { Float($0) / 10 }
        conv.bias!.imaginary = (0..<5).map { -Float($0) / 7 }
        let x = randomTensor([16, 3, 13, 40], complex: complexInput, seed: 32)  // items split over the cores

        func run(fused: Bool) -> [Tensor] {
            x.zeroGrad()
            conv.zeroGrad()
            let y =
                fused
                ? x.convolvedActivatedMaxPooled(
                    with: conv.weight, bias: conv.bias, outChannels: 5, geometry: geometry, activation: kind,
                    kernel: (2, 2))
                : conv(x).activatedMaxPooled(kind, kernel: 2)
            let g = randomTensor(y.shape, seed: 33)
            y.backward(seedReal: g.real, seedImaginary: g.imaginary)
            return [y.detached(), x.grad, conv.weight.grad, conv.bias!.grad]
        }
        let (separate, fused) = (run(fused: false), run(fused: true))
        for (name, (a, b)) in zip(
            ["output", "input gradient", "weight gradient", "bias gradient"], zip(separate, fused))
        {
            #expect(a.shape == b.shape && a.real == b.real && a.imaginary == b.imaginary, "\(kind) \(name)")
        }
    }

    /// Real ReLU pooled first: the same values and gradients as ReLU then max-pool, including
    /// windows with no positive element and ties.
    @Test func reluAfterPoolingMatchesReluBeforeIt() {
        let x = randomTensor([32, 10, 12, 25], complex: false, seed: 21)
        x.real[0..<8] = [-1, -2, -3, -4, 0, 0, 0, 0]  // an all-negative window, an all-zero one
        x.real[25..<33] = [-1, -2, -3, -4, 0, 0, 0, 0]
        let xFused = x.detached()
        xFused.requiresGrad = true
        let separate = x.activated(.relu).maxPooled(kernel: 2), fused = xFused.activatedMaxPooled(.relu, kernel: 2)
        #expect(fused.real == separate.real)
        let g = randomTensor(separate.shape, complex: false, seed: 22)
        separate.backward(seedReal: g.real, seedImaginary: nil)
        fused.backward(seedReal: g.real, seedImaginary: nil)
        #expect(xFused.grad.real == x.grad.real)
    }

    /// Products started from several threads at once — one runs on the worker pool, the others
    /// through `concurrentPerform` while it is held — give exactly what each gives alone, round
    /// after round (a task skipped or run with another caller’s body would differ).
    @Test func concurrentCallersGetTheirOwnProducts() {
        nonisolated(unsafe) let left = (0..<4).map { randomTensor([64, 300], seed: UInt64(30 + $0)) }
        nonisolated(unsafe) let right = randomTensor([300, 200], seed: 40)
        let alone = left.map { $0.matmul(right) }
        nonisolated(unsafe) let slots = UnsafeMutableBufferPointer<Tensor?>.allocate(capacity: left.count)
        defer { slots.deallocate() }
        for round in 0..<20 {
            slots.initialize(repeating: nil)
            DispatchQueue.concurrentPerform(iterations: left.count) { slots[$0] = left[$0].matmul(right) }
            for (expected, product) in zip(alone, slots) {
                #expect(product?.real == expected.real && product?.imaginary == expected.imaginary, "round \(round)")
            }
            _ = slots.deinitialize()
        }
    }
}

/// A dense complex (or real) matrix in Double, for reference products.
private struct ComplexMatrix {
    var rows: Int, columns: Int
    var re: [Double], im: [Double]

    /// A 2-D tensor (any trailing shape flattened), or its transpose.
    init(_ t: Tensor, transposed: Bool = false) {
        let (r, c) = (t.shape[0], t.count / t.shape[0])
        let imaginary = t.imaginary ?? [Float](repeating: 0, count: t.count)
        (rows, columns) = transposed ? (c, r) : (r, c)
        re = (0..<t.count).map { i in Double(t.real[transposed ? (i % r) * c + i / r : i]) }
        im = (0..<t.count).map { i in Double(imaginary[transposed ? (i % r) * c + i / r : i]) }
    }

    init(rows: Int, columns: Int, re: [Double], im: [Double]) {
        (self.rows, self.columns, self.re, self.im) = (rows, columns, re, im)
    }

    var transposed: ComplexMatrix {
        let index = { (i: Int) in (i % self.rows) * self.columns + i / self.rows }
        return ComplexMatrix(
            rows: columns, columns: rows, re: re.indices.map { re[index($0)] }, im: im.indices.map { im[index($0)] })
    }

    var adjoint: ComplexMatrix {
        var t = transposed
        t.im = t.im.map { -$0 }
        return t
    }

    func times(_ other: ComplexMatrix) -> ComplexMatrix {
        precondition(columns == other.rows)
        var re = [Double](repeating: 0, count: rows * other.columns), im = re
        for i in 0..<rows {
            for p in 0..<columns {
                let (ar, ai) = (self.re[i * columns + p], self.im[i * columns + p])
                for j in 0..<other.columns {
                    let (br, bi) = (other.re[p * other.columns + j], other.im[p * other.columns + j])
                    re[i * other.columns + j] += ar * br - ai * bi
                    im[i * other.columns + j] += ar * bi + ai * br
                }
            }
        }
        return ComplexMatrix(rows: rows, columns: other.columns, re: re, im: im)
    }
}

/// Every element of `actual` within rtol of the largest magnitude of `expected` (an absolute
/// tolerance scaled to the data); the imaginary plane too when `actual` is complex.
private func expectClose(
    _ actual: Tensor, _ expected: ComplexMatrix, _ what: String, rtol: Double = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.re.count, "\(what): size", sourceLocation: sourceLocation)
    let scale = zip(expected.re, expected.im).map { max(abs($0), abs($1)) }.max() ?? 1
    var worst = 0.0
    for i in 0..<min(actual.count, expected.re.count) {
        worst = max(worst, abs(Double(actual.real[i]) - expected.re[i]))
        if let imaginary = actual.imaginary { worst = max(worst, abs(Double(imaginary[i]) - expected.im[i])) }
    }
    #expect(worst <= rtol * scale, "\(what): max error \(worst) vs scale \(scale)", sourceLocation: sourceLocation)
}
