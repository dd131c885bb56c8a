/// A convolutional network for real audio that pools globally instead of flattening (the
/// paper's CVCNN flattens a fixed-size map into 1200 → 500): convolution blocks
/// (``ConvolutionBlock``), then global pooling over frequency and time, dropout and a linear head
/// → real logits. Complex (complex convolutions, whitening batch norm, a complex activation, |z|
/// or another ``CVCNNConfiguration/OutputHead``) or its real twin, from one
/// ``PooledCNNConfiguration``.
///
/// Input `[N, inputChannels, rows, frames]` — real or complex; a real input to the complex
/// network is convolved as it is (as a zero imaginary part) — with any rows, frames ≥ 1 →
/// real logits `[N, classes]`. Parameter names: `block0.conv0.weight`, `block0.norm0.…`,
/// `block0.act0.bias` (modReLU only), …, `head.weight`, `head.bias`; buffers: the batch norms'
/// running statistics. In evaluation (``Module/eval()``) batch norm uses its running statistics
/// and dropout is the identity.
public final class PooledCNN: Module {
    public let configuration: PooledCNNConfiguration
    public let blocks: [ConvolutionBlock]
    public let dropout: Dropout
    public let head: Linear

    /// A freshly initialised network (He initialisation, complex form for complex layers) whose
    /// weights and dropout masks are determined by `seed`; throws for an invalid configuration.
    public convenience init(_ configuration: PooledCNNConfiguration, seed: UInt64) throws(PooledCNNConfigurationError) {
        try configuration.validate()
        self.init(validated: configuration, seed: seed)
    }

    /// ``init(_:seed:)`` for a configuration that passed `validate()`.
    init(validated c: PooledCNNConfiguration, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        configuration = c
        let inputs = [c.inputChannels] + c.channels.dropLast()
        blocks = zip(inputs, c.channels).map { input, output in
            ConvolutionBlock(
                inChannels: input, outChannels: output, configuration: c, generator: &generator)
        }
        dropout = Dropout(probability: c.dropout, seed: generator.next())
        head = c.outputHead.layer(
            features: c.pooledFeatures, classes: c.classes, complex: c.complex, generator: &generator)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let c = configuration
        precondition(
            input.shape.count == 4 && input.shape[1] == c.inputChannels && input.shape[2] >= 1 && input.shape[3] >= 1,
            "PooledCNN expects [N, \(c.inputChannels), rows ≥ 1, frames ≥ 1], got \(input.shape)")
        let map = blocks.reduce(input) { $1($0) }
        if c.globalPooling == .timeMeanMax {
            precondition(
                input.shape[2] == c.inputRows, "timeMeanMax pooling expects \(c.inputRows!) rows, got \(input.shape[2])"
            )
        }
        let pooled: Tensor
        switch c.globalPooling {
        case .meanMax: pooled = map.globalMeanMaxPooled()
        case .timeMeanMax: pooled = map.timeMeanMaxPooled()
        case .average: pooled = map.globalAveragePooled()
        }
        return c.outputHead.logits(dropout(pooled), through: head)
    }

    public var children: [(name: String, module: any Module)] {
        blocks.enumerated().map { (name: "block\($0.offset)", module: $0.element) }
            + [("dropout", dropout), ("head", head)]
    }
}

/// One block of a ``PooledCNN``: `convolutionsPerBlock` × (Conv2d k×k with zero padding k/2 and
/// no bias → batch norm → activation), then 2×2 pooling with stride 2 whose window is clamped to
/// the map (a side of 1 is not pooled). Children `conv0`, `norm0`, `act0`, `conv1`, ….
public final class ConvolutionBlock: Module {
    public let convolutions: [Conv2d]
    /// ``ComplexBatchNorm`` (complex network) or ``BatchNorm``, one after each convolution.
    public let norms: [any Module]
    public let activations: [any Module]
    public let pooling: Pool2d.Kind

    init(
        inChannels: Int, outChannels: Int, configuration c: PooledCNNConfiguration,
        generator: inout SeededGenerator
    ) {
        let geometry = ConvolutionGeometry(kernel: (c.kernel, c.kernel), padding: (c.kernel / 2, c.kernel / 2))
        convolutions = (0..<c.convolutionsPerBlock).map { index in
            Conv2d(
                inChannels: index == 0 ? inChannels : outChannels, outChannels: outChannels, geometry: geometry,
                complex: c.complex, bias: false, generator: &generator)
        }
        norms = convolutions.map { _ -> any Module in
            c.complex ? ComplexBatchNorm(channels: outChannels) : BatchNorm(channels: outChannels)
        }
        activations = convolutions.map { _ in c.activation.module(features: outChannels) }
        pooling = c.pooling
    }

    /// `input` `[N, inChannels, rows, frames]` → `[N, outChannels, ⌊rows/2⌋ or 1, ⌊frames/2⌋ or 1]`
    /// (for an odd kernel).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let last = convolutions.count - 1
        var x = input
        for index in 0..<last { x = activations[index](norms[index](convolutions[index](x))) }
        x = norms[last](convolutions[last](x))
        let window = (height: min(2, x.shape[2]), width: min(2, x.shape[3]))
        switch pooling {
        case .max: return activatedMaxPooled(activations[last], x, kernel: window)
        case .average: return activations[last](x).averagePooled(kernel: window)
        }
    }

    public var children: [(name: String, module: any Module)] {
        convolutions.indices.flatMap { index in
            [
                (name: "conv\(index)", module: convolutions[index] as any Module), ("norm\(index)", norms[index]),
                ("act\(index)", activations[index]),
            ]
        }
    }
}
