/// A 1-D convolution layer on `[N, C, L]` tensors, complex or real: a 2-D convolution over a
/// height-1 image, with one complex bias per output channel.
public final class Conv1d: Module {
    /// `[outChannels, inChannels, kernelSize]` (PyTorch layout).
    public let weight: Tensor
    /// `[outChannels]`, zero-initialised; nil without bias.
    public let bias: Tensor?
    private let geometry: ConvolutionGeometry

    /// - Parameters:
    ///   - stride, padding, dilation: along the length (defaults 1, 0, 1).
    ///   - initializer: fanIn = inChannels·kernelSize, fanOut = outChannels·kernelSize.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, complex: Bool = true, bias: Bool = true, initializer: Initializer = .he,
        generator: inout SeededGenerator
    ) {
        weight = initializer.parameter(
            shape: [outChannels, inChannels, kernelSize], fanIn: inChannels * kernelSize,
            fanOut: outChannels * kernelSize, complex: complex, using: &generator)
        self.bias = bias ? Tensor(zeros: [outChannels], complex: complex, requiresGrad: true) : nil
        geometry = ConvolutionGeometry(
            kernel: (1, kernelSize), stride: (1, stride), padding: (0, padding), dilation: (1, dilation))
    }

    /// `input` `[N, inChannels, L]` → `[N, outChannels, Lout]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.shape.count == 3, "Conv1d needs [N, C, L], got \(input.shape)")
        let (n, c, length) = (input.shape[0], input.shape[1], input.shape[2])
        let product = input.reshaped([n, c, 1, length])
            .convolved2D(with: weight, bias: bias, outChannels: weight.shape[0], geometry: geometry)
        return product.reshaped([n, weight.shape[0], product.shape[3]])
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
