import ComplexNN

/// Pools node features `[batch, nodes, features]` into `[batch, features]`
/// (see ``PhaseGraphConfiguration/Readout``). Invariant to the order of the nodes.
public final class GraphReadout: Module {
    public let kind: PhaseGraphConfiguration.Readout
    /// The attention score Linear(features → 1) (complex for complex features); nil otherwise.
    public let score: Linear?

    public init(_ kind: PhaseGraphConfiguration.Readout, features: Int, complex: Bool, generator: inout SeededGenerator)
    {
        self.kind = kind
        score =
            kind == .attention
            ? Linear(
                inputFeatures: features, outputFeatures: 1, complex: complex, initializer: .glorot,
                generator: &generator) : nil
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch kind {
        case .mean: return input.meanAlongAxis1()
        case .max: return input.maxAlongAxis1()
        case .attention:
            let (batch, nodes, features) = (input.shape[0], input.shape[1], input.shape[2])
            let raw = score!(input.reshaped([batch * nodes, features]))
            let weights = (input.isComplex ? raw.modulus() : raw).reshaped([batch, 1, nodes]).softmaxLastAxis()
            return (input.isComplex ? weights.asComplex() : weights).batchedMatmul(input).reshaped([batch, features])
        }
    }

    public var children: [(name: String, module: any Module)] { score.map { [("score", $0)] } ?? [] }
}
