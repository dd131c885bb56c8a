import ComplexNN
import PhaseGraph

/// The model families `audiocls train genre --model` offers.
public enum ModelKind: String, Codable, CaseIterable, Sendable {
    /// The paper's complex-valued CNN.
    case cvcnn
    /// Its real-valued twin: the same layers with real tensors.
    case cnn
    /// The phase-edge graph network: per-segment graphs whose edges carry phase relations.
    case gnn
    /// The baseline: logistic regression on each segment's per-row mean and standard deviation.
    case linear
}

/// A model's architecture, stored in the bundle; ``makeModel(seed:)`` builds it. Adding a model
/// family (e.g. the phase-edge GNN) is one more case here and in ``makeModel(seed:)``.
public enum ModelArchitecture: Codable, Sendable, Equatable {
    case cvcnn(CVCNNConfiguration)
    case cnn(CVCNNConfiguration)
    case gnn(PhaseGraphConfiguration)
    case linear(StatisticsClassifierConfiguration)

    /// A freshly initialised model whose weights follow from `seed`. Throws when a family's
    /// configuration is invalid (the CVCNN families never do; the phase-edge GNN's may).
    public func makeModel(seed: UInt64) throws -> any Module {
        switch self {
        case .cvcnn(let configuration), .cnn(let configuration): CVCNN(configuration, seed: seed)
        case .gnn(let configuration): try PhaseGraphNetwork(configuration, seed: seed)
        case .linear(let configuration): StatisticsClassifier(configuration, seed: seed)
        }
    }

    /// The number of classes the model outputs.
    public var classes: Int {
        switch self {
        case .cvcnn(let configuration), .cnn(let configuration): configuration.classes
        case .gnn(let configuration): configuration.classes
        case .linear(let configuration): configuration.classes
        }
    }

    /// The input `[channels, rows, frames]` one sample must have.
    public var inputShape: [Int] {
        switch self {
        case .cvcnn(let c), .cnn(let c): [c.inputChannels, c.inputHeight, c.inputWidth]
        case .gnn(let c): [1, c.rows, c.frames]
        case .linear(let c): [1, c.rows, c.frames]
        }
    }

    /// Trainable real scalars (a complex weight counts twice).
    public func parameterCount() throws -> Int { try makeModel(seed: 0).parameterCount }

    /// A one-line description: family, activation and widths.
    public var summary: String {
        switch self {
        case .cvcnn(let c), .cnn(let c):
            "\(c.complex ? "cvcnn" : "cnn") \(c.activation.rawValue) conv \(c.firstChannels)/\(c.secondChannels) k\(c.kernel) hidden \(c.hiddenFeatures), input \(c.inputHeight)×\(c.inputWidth)"
        case .gnn(let c):
            "gnn \(c.nodes.rawValue) nodes, \(c.edges.rawValue) edges\(c.learnableTemperature ? " (learned temperature)" : ""), \(c.layers)×\(c.hiddenFeatures) \(c.readout.rawValue) readout, input \(c.rows)×\(c.frames)"
        case .linear(let c):
            "linear: logistic regression (C \(c.inverseRegularization)) on \(c.statisticsCount) per-row mean/std statistics of \(c.rows) rows"
        }
    }
}

/// The user's architecture choices, turned into a ``ModelArchitecture`` once the input shape and
/// the classes are known.
public struct ArchitectureOptions: Codable, Sendable, Equatable {
    public var model: ModelKind = .cvcnn
    /// `nil`: cardioid for `cvcnn`, ReLU for `cnn`.
    public var activation: ActivationKind? = nil
    public var firstChannels = 10, secondChannels = 20, hiddenFeatures = 500, kernel = 2
    /// Widen the `cnn` twin until it has as many real parameters as the `cvcnn` of these options.
    public var matchParameters = false
    /// The `gnn` choices (nodes, edges, layers, …); its rows, frames and classes follow the data.
    public var graph = PhaseGraphConfiguration(classes: 2)

    public init() {}

    /// The architecture for inputs `[1, rows, frames]` and `classes` outputs.
    public func architecture(rows: Int, frames: Int, classes: Int, complex: Bool = false) throws(DatasetError)
        -> ModelArchitecture
    {
        if model == .linear {
            return .linear(
                StatisticsClassifierConfiguration(rows: rows, frames: frames, complex: complex, classes: classes))
        }
        guard model != .gnn else {
            var graph = self.graph
            (graph.rows, graph.frames, graph.classes) = (rows, frames, classes)
            if let activation { graph.activation = activation }
            do { try graph.validate() } catch { throw DatasetError("--model gnn: \(error)") }
            return .gnn(graph)
        }
        return try convolutionalArchitecture(rows: rows, frames: frames, classes: classes)
    }

    /// The `cvcnn` or `cnn` architecture.
    private func convolutionalArchitecture(rows: Int, frames: Int, classes: Int) throws(DatasetError)
        -> ModelArchitecture
    {
        var complex = CVCNNConfiguration(classes: classes)
        (complex.inputHeight, complex.inputWidth) = (rows, frames)
        (complex.firstChannels, complex.secondChannels, complex.hiddenFeatures, complex.kernel) = (
            firstChannels, secondChannels, hiddenFeatures, kernel
        )
        if model == .cvcnn, let activation { complex.activation = activation }
        let flat = complex.flattenedShape
        guard kernel > 0, firstChannels > 0, secondChannels > 0, hiddenFeatures > 0, flat.height > 0, flat.width > 0
        else {
            throw DatasetError(
                "an input of \(rows)×\(frames) is too small for kernel \(kernel) and two 2×2 poolings (use longer segments or more rows)"
            )
        }
        if let activation, activation.isReal != (model == .cnn) {
            throw DatasetError("--activation \(activation.rawValue) does not suit --model \(model.rawValue)")
        }
        guard model == .cnn else { return .cvcnn(complex) }
        let twin = complex.realTwin(activation: activation ?? .relu)
        return .cnn(matchParameters ? Self.widened(twin, toMatch: CVCNN(complex, seed: 0).parameterCount) : twin)
    }

    /// `twin` with its three widths scaled by one factor f ≥ 1 (rounded), f chosen by bisection so
    /// that the parameter count is the closest to `target` from below or above.
    static func widened(_ twin: CVCNNConfiguration, toMatch target: Int) -> CVCNNConfiguration {
        func scaled(_ f: Double) -> CVCNNConfiguration {
            var c = twin
            c.firstChannels = Int((Double(twin.firstChannels) * f).rounded())
            c.secondChannels = Int((Double(twin.secondChannels) * f).rounded())
            c.hiddenFeatures = Int((Double(twin.hiddenFeatures) * f).rounded())
            return c
        }
        func count(_ f: Double) -> Int { CVCNN(scaled(f), seed: 0).parameterCount }
        var (low, high) = (1.0, 2.0)
        while count(high) < target { high *= 2 }
        for _ in 0..<14 {
            let middle = (low + high) / 2
            if count(middle) < target { low = middle } else { high = middle }
        }
        return abs(count(low) - target) <= abs(count(high) - target) ? scaled(low) : scaled(high)
    }
}
