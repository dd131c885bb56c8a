/// A 2-D convolution layer on NCHW tensors, complex or real, with one complex bias per output
/// channel added after the complex product.
public final class Conv2d: Module {
    /// `[outChannels, inChannels, kernelHeight, kernelWidth]` (PyTorch layout).
    public let weight: Tensor
    /// `[outChannels]`, zero-initialised; nil without bias.
    public let bias: Tensor?
    public let geometry: ConvolutionGeometry

    /// - Parameters:
    ///   - geometry: kernel, stride (default 1), zero padding (default 0), dilation (default 1).
    ///   - initializer: weight initialiser with fanIn = inChannels·kh·kw, fanOut = outChannels·kh·kw.
    public init(
        inChannels: Int, outChannels: Int, geometry: ConvolutionGeometry, complex: Bool = true,
        bias: Bool = true, initializer: Initializer = .he, generator: inout SeededGenerator
    ) {
        let area = geometry.kernel.height * geometry.kernel.width
        weight = initializer.parameter(
            shape: [outChannels, inChannels, geometry.kernel.height, geometry.kernel.width],
            fanIn: inChannels * area, fanOut: outChannels * area, complex: complex, using: &generator)
        self.bias = bias ? Tensor(zeros: [outChannels], complex: complex, requiresGrad: true) : nil
        self.geometry = geometry
    }

    /// `input` `[N, inChannels, H, W]` → `[N, outChannels, Ho, Wo]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.convolved2D(with: weight, bias: bias, outChannels: weight.shape[0], geometry: geometry)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
