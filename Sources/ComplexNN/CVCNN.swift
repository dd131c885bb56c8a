/// The architecture of the paper's audio CVCNN (arXiv 2510.09926) and of its real twin.
/// Defaults are the paper's: input 1×13×126 (MFCC), Conv 1→10 k2, pool 2, BN, Conv 10→20 k2,
/// pool 2, Linear 1200→500, Linear 500→classes.
public struct CVCNNConfiguration: Sendable, Codable, Equatable {
    public var inputChannels = 1, inputHeight = 13, inputWidth = 126
    public var classes: Int
    public var firstChannels = 10, secondChannels = 20
    /// Square convolution kernel size.
    public var kernel = 2
    /// Square max-pooling window (and stride).
    public var pool = 2
    public var hiddenFeatures = 500
    /// The activation after each convolution and the hidden linear layer (a real one for the twin).
    public var activation: ActivationKind
    /// Complex network (true) or its real-valued twin (false).
    public var complex: Bool
    /// How the complex network turns its last features into real logits (ignored by the twin).
    public var outputHead = OutputHead.modulus

    /// The real logits of a complex network.
    public enum OutputHead: String, Sendable, Codable {
        /// |z| of a complex `Linear(hidden → classes)` (the paper).
        case modulus
        /// Re z of a complex `Linear(hidden → classes)`.
        case realPart
        /// A real `Linear(2·hidden → classes)` on [Re h, Im h] of the hidden features h.
        case concatenatedRealLinear
    }

    /// The paper's sizes with `classes` outputs and the given activation (cardioid by default).
    public init(classes: Int, activation: ActivationKind = .cardioid, complex: Bool = true) {
        self.classes = classes
        self.activation = activation
        self.complex = complex
    }

    /// The real twin's configuration: the same layers with real tensors and `activation`.
    public func realTwin(activation: ActivationKind = .relu) -> CVCNNConfiguration {
        var twin = self
        twin.complex = false
        twin.activation = activation
        return twin
    }

    /// The (channels, height, width) entering the first linear layer.
    public var flattenedShape: (channels: Int, height: Int, width: Int) {
        func afterBlock(_ n: Int) -> Int { (n - kernel + 1 - pool) / pool + 1 }
        return (secondChannels, afterBlock(afterBlock(inputHeight)), afterBlock(afterBlock(inputWidth)))
    }
}

/// The paper's CVCNN: Conv2d → act → |z|-max-pool → complex BN → Conv2d → act → max-pool →
/// flatten → Linear → act → Linear → |z| → logits (or another ``CVCNNConfiguration/OutputHead``). The real twin has the same layers with real
/// tensors (real BN, ReLU/GELU, the last Linear's output as logits).
public final class CVCNN: Module {
    public let configuration: CVCNNConfiguration
    public let conv1: Conv2d, activation1: any Module, norm1: any Module
    public let conv2: Conv2d, activation2: any Module
    public let fc1: Linear, activation3: any Module, fc2: Linear

    /// A freshly initialised model (He initialisation, complex form for complex layers) whose
    /// weights are determined by `seed`.
    public init(_ configuration: CVCNNConfiguration, seed: UInt64) {
        let c = configuration, complex = c.complex
        precondition(
            c.activation.isReal == !complex,
            "activation \(c.activation) does not suit a \(complex ? "complex" : "real") network")
        var generator = SeededGenerator(seed: seed)
        let kernel = ConvolutionGeometry(kernel: (c.kernel, c.kernel))
        let flat = c.flattenedShape
        self.configuration = c
        conv1 = Conv2d(
            inChannels: c.inputChannels, outChannels: c.firstChannels, geometry: kernel, complex: complex,
            generator: &generator)
        activation1 = c.activation.module(features: c.firstChannels)
        norm1 = complex ? ComplexBatchNorm(channels: c.firstChannels) : BatchNorm(channels: c.firstChannels)
        conv2 = Conv2d(
            inChannels: c.firstChannels, outChannels: c.secondChannels, geometry: kernel, complex: complex,
            generator: &generator)
        activation2 = c.activation.module(features: c.secondChannels)
        fc1 = Linear(
            inputFeatures: flat.channels * flat.height * flat.width, outputFeatures: c.hiddenFeatures,
            complex: complex, generator: &generator)
        activation3 = c.activation.module(features: c.hiddenFeatures)
        fc2 = c.outputHead.layer(
            features: c.hiddenFeatures, classes: c.classes, complex: complex, generator: &generator)
    }

    /// `input` `[N, inputChannels, inputHeight, inputWidth]`, real or complex (a real input is
    /// convolved as it is: the same as a zero imaginary part) → real logits `[N, classes]`.
    /// Each conv → act → pool block of the complex network runs as one op
    /// (``Tensor/convolvedActivatedMaxPooled(with:bias:outChannels:geometry:activation:kernel:)``).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let c = configuration
        precondition(
            Array(input.shape.dropFirst()) == [c.inputChannels, c.inputHeight, c.inputWidth],
            "CVCNN expects [N, \(c.inputChannels), \(c.inputHeight), \(c.inputWidth)], got \(input.shape)")
        let pool = (c.pool, c.pool)
        let block1 = norm1(convolvedActivatedMaxPooled(conv1, activation1, input, kernel: pool))
        let block2 = convolvedActivatedMaxPooled(conv2, activation2, block1, kernel: pool)
        let hidden = activation3(fc1(block2.flattened()))
        return c.outputHead.logits(hidden, through: fc2)
    }

    public var children: [(name: String, module: any Module)] {
        [
            ("conv1", conv1), ("act1", activation1), ("bn1", norm1), ("conv2", conv2), ("act2", activation2),
            ("fc1", fc1), ("act3", activation3), ("fc2", fc2),
        ]
    }
}

extension CVCNNConfiguration.OutputHead {
    /// The last layer of a network with this head on `features` inputs: `Linear(features →
    /// classes)`, complex in a complex network, except that ``concatenatedRealLinear`` takes
    /// the 2·features of [Re, Im] into a real one. The real twin (`complex` false) gets a real one.
    func layer(features: Int, classes: Int, complex: Bool, generator: inout SeededGenerator) -> Linear {
        let realHead = complex && self == .concatenatedRealLinear
        return Linear(
            inputFeatures: realHead ? 2 * features : features, outputFeatures: classes, complex: complex && !realHead,
            generator: &generator)
    }

    /// Real logits `[batch, classes]` from `[batch, features]` through `layer` (made by
    /// ``layer(features:classes:complex:generator:)``): for real features, the layer's output.
    func logits(_ features: Tensor, through layer: Linear) -> Tensor {
        guard features.isComplex else { return layer(features) }
        switch self {
        case .modulus: return layer(features).modulus()
        case .realPart: return layer(features).realPart()
        case .concatenatedRealLinear: return layer(features.concatenatedRealImaginary())
        }
    }
}
