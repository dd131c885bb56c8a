import ComplexNN

/// A graph convolution (GCN, Kipf & Welling; PyG `GCNConv`) on batched dense graphs:
/// H′ = Â·(H·Wᵀ) + b, with Â a normalised adjacency from
/// ``ComplexNN/Tensor/symmetricNormalizedAdjacency(phases:)``. Complex when built complex
/// (Hermitian Â, complex H, W and b). The bias is added after propagation, as in PyG.
public final class GraphConvolution: Module {
    /// `[outputFeatures, inputFeatures]` (PyG's `lin.weight` layout), Glorot-initialised.
    public let weight: Tensor
    /// `[outputFeatures]`, zero-initialised.
    public let bias: Tensor

    public init(inputFeatures: Int, outputFeatures: Int, complex: Bool, generator: inout SeededGenerator) {
        let w = Initializer.glorot.weights(
            count: inputFeatures * outputFeatures, fanIn: inputFeatures, fanOut: outputFeatures, complex: complex,
            using: &generator)
        weight = Tensor(
            shape: [outputFeatures, inputFeatures], real: w.real, imaginary: w.imaginary, requiresGrad: true)
        bias = Tensor(zeros: [outputFeatures], complex: complex, requiresGrad: true)
    }

    /// `features` `[batch, nodes, inputFeatures]`, `adjacency` Â `[batch, nodes, nodes]` (same
    /// kind) → `[batch, nodes, outputFeatures]`.
    public func callAsFunction(_ features: Tensor, adjacency: Tensor) -> Tensor {
        let (batch, nodes, output) = (features.shape[0], features.shape[1], weight.shape[0])
        let transformed = features.reshaped([batch * nodes, features.shape[2]]).matmul(weight, transposingRight: true)
        let propagated = adjacency.batchedMatmul(transformed.reshaped([batch, nodes, output]))
        return propagated.reshaped([batch * nodes, output]).addingChannelBias(bias).reshaped([batch, nodes, output])
    }

    /// The convolution on graphs without edges (Â = I): H·Wᵀ + b per node, `[batch, nodes, in]` → `[batch, nodes, out]`.
    public func callAsFunction(_ features: Tensor) -> Tensor {
        let (batch, nodes, output) = (features.shape[0], features.shape[1], weight.shape[0])
        return features.reshaped([batch * nodes, features.shape[2]]).matmul(weight, transposingRight: true)
            .addingChannelBias(bias).reshaped([batch, nodes, output])
    }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }
}
