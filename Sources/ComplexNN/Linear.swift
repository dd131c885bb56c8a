/// A fully connected layer y = x·Wᵀ + b on `[batch, inputFeatures]` tensors, complex or real.
/// The bias is ONE complex number per output feature added after the complex product (not two
/// real layers combined as (b_r − b_i) + i(b_r + b_i)).
public final class Linear: Module {
    /// `[outputFeatures, inputFeatures]` (PyTorch layout).
    public let weight: Tensor
    /// `[outputFeatures]`, zero-initialised; nil without bias.
    public let bias: Tensor?

    /// - Parameters:
    ///   - complex: complex weights (and inputs) when true, real otherwise.
    ///   - initializer: weight initialiser (default He, complex form for complex layers).
    ///   - generator: the seeded source of the initial weights.
    public init(
        inputFeatures: Int, outputFeatures: Int, complex: Bool = true, bias: Bool = true,
        initializer: Initializer = .he, generator: inout SeededGenerator
    ) {
        weight = initializer.parameter(
            shape: [outputFeatures, inputFeatures], fanIn: inputFeatures, fanOut: outputFeatures,
            complex: complex, using: &generator)
        self.bias = bias ? Tensor(zeros: [outputFeatures], complex: complex, requiresGrad: true) : nil
    }

    /// `input` `[batch, inputFeatures]` → `[batch, outputFeatures]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let product = input.matmul(weight, transposingRight: true)
        return bias.map { product.addingChannelBias($0) } ?? product
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
