import ComplexNN

/// The temporal encoder of learnt node features (``PhaseGraphConfiguration/NodeFeatures/learned``),
/// the same weights for every node of every graph: each node's series → a 1-D convolution over
/// time (1 → C channels, kernel 5, zero padding 2) → the activation → max-pooling by 2 over time →
/// a second convolution (C → C) → the activation → the mean plus the maximum over time → C values,
/// C = ``PhaseGraphConfiguration/resolvedEncoderChannels``. The activation is the network's (ReLU
/// by default), or ReLU for a complex network, which takes the encoder's real output as complex
/// values with zero imaginary part. The convolutions run as 1×5 2-D convolutions over the
/// `[nodes, frames]` plane, so no weight mixes two nodes. With ``PhaseGraphConfiguration/positional``
/// a learnt vector per node index is added (the one-hot position × `position.weight` `[C, nodes]`:
/// the same as appending the one-hot code before a linear layer). Children `conv0`, `conv1`,
/// `position`.
public final class NodeEncoder: Module {
    public let conv0: Conv2d, conv1: Conv2d
    /// The per-node vectors, or nil without positions.
    public let position: Linear?
    private let activation: ActivationKind

    init(_ c: PhaseGraphConfiguration, generator: inout SeededGenerator) {
        let channels = c.resolvedEncoderChannels
        activation = c.resolvedActivation.isReal ? c.resolvedActivation : .relu
        let geometry = ConvolutionGeometry(kernel: (1, 5), padding: (0, 2))
        conv0 = Conv2d(inChannels: 1, outChannels: channels, geometry: geometry, complex: false, generator: &generator)
        conv1 = Conv2d(
            inChannels: channels, outChannels: channels, geometry: geometry, complex: false, generator: &generator)
        position =
            c.positional == true
            ? Linear(
                inputFeatures: c.nodeCount, outputFeatures: channels, complex: false, bias: false,
                initializer: .glorot, generator: &generator) : nil
    }

    /// Node series `[batch, nodes, frames]` (real) → node features `[batch, nodes, C]`.
    public func callAsFunction(_ series: Tensor) -> Tensor {
        let (batch, nodes, frames) = (series.shape[0], series.shape[1], series.shape[2])
        let first = conv0(series.reshaped([batch, 1, nodes, frames])).activated(activation).maxPooled(kernel: (1, 2))
        let second = conv1(first).activated(activation)
        let channels = second.shape[1]
        // [batch, C·nodes] (channel-major) → [batch, nodes, C]
        var features = second.timeMeanMaxPooled().reshaped([batch, channels, nodes]).transposedLastAxes()
        if let position {
            let oneHot = (0..<(batch * nodes)).flatMap { row in (0..<nodes).map { Float($0 == row % nodes ? 1 : 0) } }
            features =
                features + position(Tensor(shape: [batch * nodes, nodes], real: oneHot)).reshaped(features.shape)
        }
        return features
    }

    public var children: [(name: String, module: any Module)] {
        [("conv0", conv0), ("conv1", conv1)] + (position.map { [("position", $0 as any Module)] } ?? [])
    }
}
