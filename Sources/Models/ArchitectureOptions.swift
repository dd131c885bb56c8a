import ClassifierSupport
import ComplexNN
import PhaseGraph

/// Which convolutional network `cvcnn` and `cnn` build.
public enum ConvolutionalDesign: String, Codable, CaseIterable, Sendable {
    /// Blocks of 3×3 convolutions with batch norm, 2×2 pooling, global mean + max pooling, dropout
    /// and a linear head (``PooledCNN``): works for any input size, few parameters.
    case pooled
    /// The paper's CVCNN exactly (two 2×2 convolutions, a 1200 → 500 flatten, ``CVCNN``).
    case paper
}

/// The user's architecture choices, turned into a ``ModelArchitecture`` once the input shape and
/// the classes are known.
public struct ArchitectureOptions: Codable, Sendable, Equatable {
    public var model: ModelKind = .cvcnn
    /// The `cvcnn`/`cnn` network (default pooled; bundles written before it existed: paper).
    public var design: ConvolutionalDesign = .pooled
    /// `nil`: cardioid for `cvcnn`, ReLU for `cnn`.
    public var activation: ActivationKind? = nil
    /// The paper design's widths.
    public var firstChannels = 10, secondChannels = 20, hiddenFeatures = 500, kernel = 2
    /// The pooled design's block widths (`nil`: ``PooledCNNConfiguration``'s default) and dropout.
    public var channels: [Int]? = nil
    public var dropout: Float? = nil
    /// The pooled design's global pooling (`nil`: ``PooledCNNConfiguration``'s default).
    public var globalPooling: PooledCNNConfiguration.GlobalPooling? = nil
    /// Widen the `cnn` twin until it has as many real parameters as the `cvcnn` of these options.
    public var matchParameters = false
    /// The `gnn` choices (nodes, edges, layers, …); its rows, frames and classes follow the data.
    public var graph = PhaseGraphConfiguration(classes: 2)

    public init() {}

    /// The architecture for inputs `[1, rows, frames]` (complex when `complex`) and `classes` outputs.
    public func architecture(rows: Int, frames: Int, classes: Int, complex: Bool = false) throws(ConfigurationError)
        -> ModelArchitecture
    {
        switch model {
        case .linear:
            return .linear(
                StatisticsClassifierConfiguration(rows: rows, frames: frames, complex: complex, classes: classes))
        case .gnn:
            var graph = self.graph
            (graph.rows, graph.frames, graph.classes) = (rows, frames, classes)
            if let activation { graph.activation = activation }
            do { try graph.validate() } catch {
                throw ConfigurationError(key: "model", value: "gnn", reason: "\(error)")
            }
            return .gnn(graph)
        case .cvcnn, .cnn:
            if let activation, activation.isReal != (model == .cnn) {
                throw ConfigurationError(
                    key: "activation", value: activation.rawValue, reason: "does not suit model \(model.rawValue)")
            }
            return design == .pooled
                ? try pooledArchitecture(rows: rows, classes: classes)
                : try paperArchitecture(rows: rows, frames: frames, classes: classes)
        }
    }

    /// The pooled `cvcnn` or `cnn`; `matchParameters` widens the twin to the cvcnn's count.
    private func pooledArchitecture(rows: Int, classes: Int) throws(ConfigurationError) -> ModelArchitecture {
        var complex = PooledCNNConfiguration(classes: classes)
        if let channels { complex.channels = channels }
        if let dropout { complex.dropout = dropout }
        if let globalPooling { complex.globalPooling = globalPooling }
        if complex.globalPooling == .timeMeanMax { complex.inputRows = rows }
        if model == .cvcnn, let activation { complex.activation = activation }
        let twin = complex.realTwin(activation: activation ?? .relu)
        do {
            guard model == .cnn else {
                try complex.validate()
                return .pooled(complex)
            }
            guard matchParameters else {
                try twin.validate()
                return .pooled(twin)
            }
            return .pooled(try twin.scaled(toParameterCount: try PooledCNN(complex, seed: 0).parameterCount))
        } catch {
            throw ConfigurationError(
                key: error.field == "dropout" ? "dropout" : "channels", value: error.value, reason: error.reason)
        }
    }

    /// The paper's `cvcnn` or `cnn`.
    private func paperArchitecture(rows: Int, frames: Int, classes: Int) throws(ConfigurationError)
        -> ModelArchitecture
    {
        var complex = CVCNNConfiguration(classes: classes)
        (complex.inputHeight, complex.inputWidth) = (rows, frames)
        (complex.firstChannels, complex.secondChannels, complex.hiddenFeatures, complex.kernel) = (
            firstChannels, secondChannels, hiddenFeatures, kernel
        )
        if model == .cvcnn, let activation { complex.activation = activation }
        for (key, value) in [
            ("conv1", firstChannels), ("conv2", secondChannels), ("hidden", hiddenFeatures), ("kernel", kernel),
        ] {
            try ConfigurationError.requirePositive(value, key: key)
        }
        let flat = complex.flattenedShape
        guard flat.height > 0, flat.width > 0 else {
            throw ConfigurationError(
                key: "segment_seconds", value: "",
                reason:
                    "an input of \(rows)×\(frames) is too small for kernel \(kernel) and two 2×2 poolings (use longer segments or more rows)"
            )
        }
        guard model == .cnn else { return .cvcnn(complex) }
        let twin = complex.realTwin(activation: activation ?? .relu)
        guard matchParameters else { return .cnn(twin) }
        return .cnn(
            ParameterBudget.closest(
                to: CVCNN(complex, seed: 0).parameterCount,
                scaled: { f in
                    var c = twin
                    c.firstChannels = Int((Double(twin.firstChannels) * f).rounded())
                    c.secondChannels = Int((Double(twin.secondChannels) * f).rounded())
                    c.hiddenFeatures = Int((Double(twin.hiddenFeatures) * f).rounded())
                    return c
                }, parameterCount: { CVCNN($0, seed: 0).parameterCount }))
    }
}
