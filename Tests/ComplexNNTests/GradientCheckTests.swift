import ComplexNN
import TestSupport
import Testing

/// Central finite differences (loss accumulated in Double) against the analytic backward of
/// every op and layer, complex and real.
@Suite struct GradientCheckTests {
    // MARK: - Elementwise and shape ops

    @Test(arguments: [true, false])
    func arithmetic(complex: Bool) {
        let a = randomTensor([3, 4], complex: complex, seed: 1), b = randomTensor([3, 4], complex: complex, seed: 2)
        gradientCheck([a, b], "a + b") { $0[0] + $0[1] }
        gradientCheck([a, b], "a − b") { $0[0] - $0[1] }
        gradientCheck([a, b], "a · b") { $0[0] * $0[1] }
        gradientCheck([a], "2.5 a") { $0[0].scaled(by: 2.5) }
        gradientCheck([a], "reshape") { $0[0].reshaped([2, 6]) }
    }

    @Test func reductionsAndConversions() {
        let z = randomTensor([2, 3, 2], seed: 3), x = randomTensor([2, 3], complex: false, seed: 4)
        let y = randomTensor([2, 3], complex: false, seed: 5)
        gradientCheck([x], "sum") { $0[0].sum() }
        gradientCheck([x], "mean") { $0[0].mean() }
        gradientCheck([x, y], "complex(real:imaginary:)") { Tensor.complex(real: $0[0], imaginary: $0[1]) }
        gradientCheck([x], "asComplex") { $0[0].asComplex() }
        gradientCheck([z], "realPart") { $0[0].realPart() }
        gradientCheck([z], "imaginaryPart") { $0[0].imaginaryPart() }
        gradientCheck([z], "modulus") { $0[0].modulus() }
        gradientCheck([z], "concatenatedRealImaginary") { $0[0].concatenatedRealImaginary() }
        gradientCheck([z], "flattened") { $0[0].flattened() }
    }

    @Test(arguments: [true, false])
    func channelBias(complex: Bool) {
        let x = randomTensor([2, 3, 2, 2], complex: complex, seed: 6), b = randomTensor([3], complex: complex, seed: 7)
        gradientCheck([x, b], "addingChannelBias") { $0[0].addingChannelBias($0[1]) }
    }

    // MARK: - Products and convolutions

    @Test(arguments: [true, false])
    func matmul(complex: Bool) {
        let a = randomTensor([3, 4], complex: complex, seed: 8), b = randomTensor([4, 5], complex: complex, seed: 9)
        let bt = randomTensor([5, 4], complex: complex, seed: 10)
        gradientCheck([a, b], "A·B") { $0[0].matmul($0[1]) }
        gradientCheck([a, bt], "A·Bᵀ") { $0[0].matmul($0[1], transposingRight: true) }
    }

    @Test(arguments: [true, false])
    func layers(complex: Bool) {
        var generator = SeededGenerator(seed: 11)
        let linear = Linear(inputFeatures: 4, outputFeatures: 3, complex: complex, generator: &generator)
        linear.bias!.real = [0.1, -0.2, 0.3]
        gradientCheck([randomTensor([2, 4], complex: complex, seed: 12), linear.weight, linear.bias!], "Linear") {
            linear($0[0])
        }
        let conv = Conv2d(
            inChannels: 2, outChannels: 3,
            geometry: ConvolutionGeometry(kernel: (2, 3), stride: (1, 2), padding: (1, 1), dilation: (2, 1)),
            complex: complex, generator: &generator)
        gradientCheck([randomTensor([2, 2, 5, 6], complex: complex, seed: 13), conv.weight, conv.bias!], "Conv2d") {
            conv($0[0])
        }
        let conv1d = Conv1d(
            inChannels: 2, outChannels: 2, kernelSize: 3, stride: 2, padding: 2, dilation: 2,
            complex: complex, generator: &generator)
        gradientCheck([randomTensor([2, 2, 9], complex: complex, seed: 14), conv1d.weight, conv1d.bias!], "Conv1d") {
            conv1d($0[0])
        }
    }

    // MARK: - Activations

    @Test(arguments: ActivationKind.allCases.filter { $0 != .modReLU })
    func activation(_ kind: ActivationKind) {
        let z = randomTensor([4, 6], complex: !kind.isReal, seed: 15)
        gradientCheck([z], "\(kind)") { $0[0].activated(kind) }
        // near z = 0, with components kept ≥ 3 steps from 0 so no difference crosses the kinks
        // of the split functions (ReLU at 0)
        let small = randomTensor([4, 6], complex: !kind.isReal, scale: 0.05, seed: 16)
        small.real = small.real.map(awayFromZero)
        small.imaginary = small.imaginary?.map(awayFromZero)
        gradientCheck([small], step: 1e-3, rtol: 1e-2, atol: 2e-3, "\(kind) near 0") { $0[0].activated(kind) }
    }

    private func awayFromZero(_ x: Float) -> Float { abs(x) < 3e-3 ? x + (x < 0 ? -3e-3 : 3e-3) : x }

    @Test(arguments: [Float(-0.7), 0.4])
    func modReLU(bias: Float) {
        let z = randomTensor([4, 3], seed: 17)
        let b = Tensor(shape: [3], real: [bias, bias / 2, -bias], requiresGrad: true)
        gradientCheck([z, b], step: 1e-3, "modReLU b = \(bias)") { $0[0].modReLU(bias: $0[1]) }
    }

    // MARK: - Normalisation, pooling, loss

    @Test(arguments: [true, false])
    func complexBatchNorm(training: Bool) {
        let bn = ComplexBatchNorm(channels: 2)
        bn.gammaRI.real = [0.2, -0.1]
        bn.beta.real = [0.3, -0.5]
        if !training {
            bn(randomTensor([3, 2, 2, 2], seed: 18)).real.forEach { _ in }
            bn.eval()
        }
        let x = randomTensor([3, 2, 2, 2], seed: 19)
        gradientCheck(
            [x, bn.gammaRR, bn.gammaRI, bn.gammaII, bn.beta], step: 1e-3, "ComplexBatchNorm training=\(training)"
        ) { bn($0[0]) }
    }

    @Test func realBatchNorm() {
        let bn = BatchNorm(channels: 3)
        bn.weight.real = [0.5, 1.5, -1]
        gradientCheck(
            [randomTensor([4, 3, 2], complex: false, seed: 20), bn.weight, bn.bias], step: 1e-3, "BatchNorm"
        ) { bn($0[0]) }
    }

    @Test(arguments: [true, false])
    func pooling(complex: Bool) {
        let x = randomTensor([2, 2, 5, 7], complex: complex, seed: 22)
        gradientCheck([x], step: 1e-3, "maxPooled") { $0[0].maxPooled(kernel: 2) }
        gradientCheck([x], step: 1e-3, "maxPooled k3 s2") { $0[0].maxPooled(kernel: 3, stride: 2) }
        gradientCheck([x], "averagePooled k3 s2") { $0[0].averagePooled(kernel: 3, stride: 2) }
        gradientCheck([x], "globalAveragePooled") { $0[0].globalAveragePooled() }
    }

    @Test(arguments: [Float(0), 0.2])
    func crossEntropy(smoothing: Float) {
        let logits = randomTensor([3, 4], complex: false, seed: 23)
        gradientCheck([logits], "crossEntropy ε=\(smoothing)") {
            $0[0].crossEntropy(labels: [2, 0, 3], labelSmoothing: smoothing)
        }
    }
}
