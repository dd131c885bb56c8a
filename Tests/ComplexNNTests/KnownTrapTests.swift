import ComplexNN
import TestSupport
import Testing

/// The bugs known from peer complex-network libraries, each pinned by a test.
@Suite struct KnownTrapTests {
    @Test func biasIsOneComplexNumberAddedAfterTheProduct() {
        var generator = SeededGenerator(seed: 1)
        let layer = Linear(inputFeatures: 2, outputFeatures: 1, generator: &generator)
        layer.weight.real = [0, 0]
        layer.weight.imaginary = [0, 0]
        layer.bias!.real = [1]
        layer.bias!.imaginary = [2]
        let x = Tensor(shape: [3, 2], real: [1, 2, 3, 4, 5, 6], imaginary: [6, 5, 4, 3, 2, 1])
        let y = layer(x)
        // (b_r − b_i) + i(b_r + b_i) would give −1 + 3i
        #expect(y.real == [1, 1, 1] && y.imaginary == [2, 2, 2])
        y.backward(seedReal: [1, 2, 3], seedImaginary: [0.5, 0.5, 1])
        #expect(layer.bias!.gradReal == [6] && layer.bias!.gradImaginary == [2])
    }

    @Test func modReLUThresholdsOnlyForNegativeBias() {
        let z = Tensor(shape: [1, 4], real: [0.3, 0, 2, -1], imaginary: [0.4, 0.2, 0, 1])  // |z| = 0.5, 0.2, 2, √2
        let modulus = [Float(0.5), 0.2, 2, Float(2).squareRoot()]
        for bias: Float in [-0.6, 0.6] {
            let y = z.modReLU(bias: Tensor(shape: [4], real: [Float](repeating: bias, count: 4))).modulus().real
            let expected = modulus.map { max($0 + bias, 0) }
            #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "b = \(bias): |f(z)| = ReLU(|z| + b)")
        }
        let phaseKept = z.modReLU(bias: Tensor(shape: [4], real: [-0.1, -0.1, -0.1, -0.1]))
        #expect(abs(phaseKept.real[0] / phaseKept.imaginary![0] - 0.75) < 1e-5, "the phase of z is kept")
    }

    @Test func dropoutSharesOneMaskScaledOnce() {
        let p: Float = 0.3, n = 4000
        let dropout = Dropout(probability: p, seed: 5)
        let z = Tensor(
            shape: [n], real: [Float](repeating: 1, count: n), imaginary: [Float](repeating: -2, count: n),
            requiresGrad: true)
        let y = dropout(z)
        var dropped = 0
        for i in 0..<n {
            if y.real[i] == 0 {
                #expect(y.imaginary![i] == 0)
                dropped += 1
            } else {
                #expect(abs(y.real[i] - 1 / (1 - p)) < 1e-6 && abs(y.imaginary![i] + 2 / (1 - p)) < 1e-6)
            }
        }
        #expect(abs(Float(dropped) / Float(n) - p) < 0.03)
        y.backward(seedReal: [Float](repeating: 1, count: n), seedImaginary: [Float](repeating: 1, count: n))
        #expect(
            (0..<n).allSatisfy { z.gradReal[$0] == z.gradImaginary[$0] && (z.gradReal[$0] == 0) == (y.real[$0] == 0) })
        dropout.eval()
        #expect(dropout(z).real == z.real)
    }

    /// Feeding the same batch repeatedly, the running statistics converge to its mean and
    /// unbiased covariance; evaluation with them then whitens that batch like training does
    /// (up to the count/(count − 1) factor).
    @Test func complexBatchNormRunningStatistics() {
        let bn = ComplexBatchNorm(channels: 2)
        let x = randomTensor([8, 2, 3, 3], seed: 3)
        x.real = x.real.map { 2 * $0 + 1 }
        let noise = x.imaginary!
        x.imaginary = x.real.indices.map { i -> Float in 0.8 * x.real[i] + 0.5 * noise[i] - 3 }  // correlated parts
        var trained = bn(x)
        for _ in 0..<200 { trained = bn(x) }
        let m = Float(8 * 9)
        for c in 0..<2 {
            var meanRe: Float = 0, meanIm: Float = 0, rr: Float = 0, ri: Float = 0
            let indices: [Int] = (0..<8).flatMap { (n: Int) -> Range<Int> in
                let start = (n * 2 + c) * 9
                return start..<(start + 9)
            }
            for i in indices {
                meanRe += x.real[i] / m
                meanIm += x.imaginary![i] / m
            }
            for i in indices {
                rr += (x.real[i] - meanRe) * (x.real[i] - meanRe) / (m - 1)
                ri += (x.real[i] - meanRe) * (x.imaginary![i] - meanIm) / (m - 1)
            }
            #expect(abs(bn.runningMean.real[c] - meanRe) < 1e-4 && abs(bn.runningMean.imaginary![c] - meanIm) < 1e-4)
            #expect(abs(bn.runningVRR.real[c] / rr - 1) < 1e-4 && abs(bn.runningVRI.real[c] / ri - 1) < 1e-4)
        }
        bn.eval()
        let evaluated = bn(x)
        let scale = ((m - 1) / m).squareRoot()
        #expect(zip(evaluated.real, trained.real).allSatisfy { abs($0 / scale - $1) < 2e-3 })
    }
}
