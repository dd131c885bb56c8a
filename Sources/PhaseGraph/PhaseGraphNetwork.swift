import ComplexNN

/// The phase-edge graph network: per-sample graphs built inside the forward pass from the input
/// spectrogram (``GraphBatch``), `layers` graph convolutions (``GraphConvolution``) with an
/// activation after each (and optional residuals), a readout over nodes (``GraphReadout``) and a
/// linear head → real logits (|z| of a complex head for complex edges, like the CVCNN's).
///
/// Same interface as `CVCNN`: `[batch, 1, rows, frames]` (complex, or real for `edges: none`)
/// → `[batch, classes]`. Each sample's prediction depends on that sample only (no batch
/// statistics, block-diagonal batch of graphs). Parameter names: `conv0.weight`, `conv0.bias`,
/// …, `readout.score.weight`/`.bias` (attention), `head.weight`, `head.bias`, and `temperature`
/// (shape [1], when learnable). No buffers; train()/eval() change nothing.
public final class PhaseGraphNetwork: Module {
    public let configuration: PhaseGraphConfiguration
    /// The temporal encoder of learnt node features, or nil.
    public let encoder: NodeEncoder?
    public let convolutions: [GraphConvolution]
    public let activation: any Module
    public let readout: GraphReadout
    public let head: Linear
    /// The learnable temperature τ `[1]`, or nil.
    public let temperature: Tensor?

    /// A freshly initialised network whose weights are determined by `seed`. Throws when the
    /// configuration is invalid (see ``PhaseGraphConfiguration/validate()``).
    public init(_ configuration: PhaseGraphConfiguration, seed: UInt64) throws(PhaseGraphError) {
        try configuration.validate()
        let c = configuration
        var generator = SeededGenerator(seed: seed)
        self.configuration = c
        encoder = c.learnsNodeFeatures ? NodeEncoder(c, generator: &generator) : nil
        convolutions = (0..<c.layers).map { layer in
            GraphConvolution(
                inputFeatures: layer == 0 ? c.nodeFeatureCount : c.hiddenFeatures, outputFeatures: c.hiddenFeatures,
                complex: c.isComplex, generator: &generator)
        }
        activation = c.resolvedActivation.module(features: c.hiddenFeatures)
        readout = GraphReadout(c.readout, features: c.hiddenFeatures, complex: c.isComplex, generator: &generator)
        head = Linear(
            inputFeatures: c.hiddenFeatures, outputFeatures: c.classes, complex: c.isComplex, initializer: .glorot,
            generator: &generator)
        temperature =
            c.learnableTemperature ? Tensor(shape: [1], real: [c.initialTemperature], requiresGrad: true) : nil
    }

    /// The graphs and normalised adjacency Â `[batch, nodes, nodes]` of `input` (validated).
    public func graphs(_ input: Tensor) throws(PhaseGraphError) -> (graphs: GraphBatch, adjacency: Tensor) {
        try configuration.validate(input: input)
        let graphs = GraphBatch(input: input, configuration: configuration)
        return (
            graphs, graphs.weights(temperature: temperature).symmetricNormalizedAdjacency(phases: graphs.phaseTensor)
        )
    }

    /// Real logits `[batch, classes]` of `input` `[batch, 1, rows, frames]`, or an error naming
    /// a wrong shape or a real input with phase edges.
    public func logits(_ input: Tensor) throws(PhaseGraphError) -> Tensor {
        let (graphs, adjacency) = try graphs(input)
        var hidden = graphs.features
        if let encoder {
            let learnt = encoder(hidden)
            hidden = configuration.isComplex ? learnt.asComplex() : learnt
        }
        for convolution in convolutions {
            let convolved = convolution(hidden, adjacency: adjacency)
            let shape = convolved.shape
            let activated = activation(convolved.reshaped([shape[0] * shape[1], shape[2]])).reshaped(shape)
            hidden = configuration.residual && hidden.shape == shape ? activated + hidden : activated
        }
        let output = head(readout(hidden))
        return configuration.isComplex ? output.modulus() : output
    }

    /// ``logits(_:)`` for the `Module` interface; an invalid input stops with the error's
    /// message, so check inputs with ``PhaseGraphConfiguration/validate(input:)`` first.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        do {
            return try logits(input)
        } catch {
            preconditionFailure(error.description)
        }
    }

    public var ownParameters: [(name: String, tensor: Tensor)] { temperature.map { [("temperature", $0)] } ?? [] }

    public var children: [(name: String, module: any Module)] {
        (encoder.map { [("encoder", $0 as any Module)] } ?? [])
            + convolutions.enumerated().map { (name: "conv\($0.offset)", module: $0.element as any Module) }
            + [("act", activation), ("readout", readout), ("head", head)]
    }
}
