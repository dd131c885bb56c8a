import ComplexNN

/// The graphs of a batch, one per sample and built from that sample alone, stored densely:
/// node features `[batch, nodes, features]` and edge data `[batch, nodes, nodes]`.
public struct GraphBatch {
    /// Node features `[batch, nodes, width]` (complex for a complex network); constant: the node
    /// signals with the one-hot positions appended (``PhaseGraphConfiguration/nodeFeatureCount``
    /// values), or for learnt node features the |z| series alone, real for every network (the
    /// network adds the positions).
    public let features: Tensor
    /// Edge similarities s_ij ∈ [0, 1] `[batch, nodes, nodes]` (all 1 for unweighted edges; the
    /// PLV for complex edges).
    public let similarity: [Float]
    /// arg C_ij of the phase coherence for complex edges `[batch, nodes, nodes]`, else nil.
    public let angles: [Float]?
    /// 1 where an edge exists (off-diagonal, within `neighbours`), 0 elsewhere, `[batch, nodes, nodes]`.
    public let mask: [Float]
    public let batch: Int, nodes: Int

    /// Builds each sample's graph from `input` `[batch, 1, rows, frames]` (already validated
    /// with ``PhaseGraphConfiguration/validate(input:)``).
    public init(input: Tensor, configuration c: PhaseGraphConfiguration) {
        let (batch, nodes, plane) = (input.shape[0], c.nodeCount, c.rows * c.frames)
        let edgeMask = GraphBatch.edgeMask(nodes: nodes, neighbours: c.neighbours)
        let (width, positional) = (c.nodeSignalCount, c.positional == true && !c.learnsNodeFeatures)
        // learnt features start from |z| (real) for every network; the network makes the encoder's output complex
        let complexFeatures = c.isComplex && !c.learnsNodeFeatures
        var featureRe: [Float] = [], featureIm: [Float] = [], similarity: [Float] = [], angles: [Float] = []
        for item in 0..<batch {
            let span = (item * plane)..<((item + 1) * plane)
            let signals = NodeSignals(
                real: input.real[span], imaginary: input.imaginary?[span], configuration: c,
                complexFeatures: complexFeatures)
            let scale =
                c.normalizeInput
                ? GraphBatch.inverseRootMeanSquare(real: input.real[span], imaginary: input.imaginary?[span]) : 1
            featureRe += GraphBatch.appendingPositions(
                signals.featureReal.map { $0 * scale }, nodes: nodes, width: width, positional: positional,
                one: 1)
            if let imaginary = signals.featureImaginary {
                featureIm += GraphBatch.appendingPositions(
                    imaginary.map { $0 * scale }, nodes: nodes, width: width, positional: positional, one: 0)
            }
            switch c.edges {
            case .none:
                similarity += [Float](repeating: 1, count: nodes * nodes)
            case .phaseDiff:
                similarity += PhaseRelations.phaseDifferenceSimilarity(
                    phases: signals.phases, nodes: nodes, length: signals.phaseLength)
            case .plv, .complex:
                let coherence = PhaseRelations.coherence(
                    cosines: signals.phasorCosine, sines: signals.phasorSine, nodes: nodes, length: signals.phaseLength)
                similarity += coherence.magnitude
                angles += coherence.angle
            case .phaseAdvance:
                let advances = signals.advancePhasors
                similarity +=
                    PhaseRelations.coherence(
                        cosines: advances.cosine, sines: advances.sine, nodes: nodes, length: advances.length
                    ).magnitude
            }
        }
        features = Tensor(
            shape: [batch, nodes, width + (positional ? nodes : 0)], real: featureRe,
            imaginary: complexFeatures ? featureIm : nil)
        self.similarity = similarity
        self.angles = c.edges == .complex ? angles : nil
        mask = [[Float]](repeating: edgeMask, count: batch).flatMap { $0 }
        (self.batch, self.nodes) = (batch, nodes)
    }

    /// The edge weights `[batch, nodes, nodes]`: w = mask·s, or w = mask·exp(τ·(s − 1)) with the
    /// learnable one-element `temperature` τ (differentiable in τ).
    public func weights(temperature: Tensor?) -> Tensor {
        let shape = [batch, nodes, nodes]
        guard let temperature else { return Tensor(shape: shape, real: zip(similarity, mask).map { $0 * $1 }) }
        let exponent = Tensor(shape: shape, real: zip(similarity, mask).map { ($0 - 1) * $1 })
        return exponent.scaled(byScalar: temperature).exp() * Tensor(shape: shape, real: mask)
    }

    /// arg C as a tensor for ``ComplexNN/Tensor/symmetricNormalizedAdjacency(phases:)``.
    public var phaseTensor: Tensor? { angles.map { Tensor(shape: [batch, nodes, nodes], real: $0) } }

    /// `features` `[nodes, width]` with a one-hot code of the node index appended to each row
    /// (`one` at the node's own position, 0 elsewhere; the imaginary plane passes 0) when `positional`.
    static func appendingPositions(_ features: [Float], nodes: Int, width: Int, positional: Bool, one: Float)
        -> [Float]
    {
        guard positional else { return features }
        return (0..<nodes).flatMap { node in
            features[(node * width)..<((node + 1) * width)] + (0..<nodes).map { $0 == node ? one : 0 }
        }
    }

    /// 1/√(mean |z|²) of one sample's values, or 1 when they are all zero.
    static func inverseRootMeanSquare(real: ArraySlice<Float>, imaginary: ArraySlice<Float>?) -> Float {
        var total = real.reduce(0.0) { $0 + Double($1) * Double($1) }
        total += imaginary?.reduce(0.0) { $0 + Double($1) * Double($1) } ?? 0
        return total > 0 ? Float((Double(real.count) / total).squareRoot()) : 1
    }

    /// `[nodes, nodes]`: 1 off the diagonal where |i − j| ≤ neighbours (or everywhere), else 0.
    static func edgeMask(nodes: Int, neighbours: Int?) -> [Float] {
        (0..<(nodes * nodes)).map { index in
            let (i, j) = (index / nodes, index % nodes)
            return i != j && abs(i - j) <= (neighbours ?? nodes) ? 1 : 0
        }
    }
}
