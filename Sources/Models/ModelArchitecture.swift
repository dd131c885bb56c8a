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
    /// The global-pooling CNN, complex (`cvcnn`) or its real twin (`cnn`).
    case pooled(PooledCNNConfiguration)

    /// A freshly initialised model whose weights follow from `seed`. Throws when a family's
    /// configuration is invalid (the CVCNN families never do; the phase-edge GNN's may).
    public func makeModel(seed: UInt64) throws -> any Module {
        switch self {
        case .cvcnn(let configuration), .cnn(let configuration): CVCNN(configuration, seed: seed)
        case .gnn(let configuration): try PhaseGraphNetwork(configuration, seed: seed)
        case .linear(let configuration): StatisticsClassifier(configuration, seed: seed)
        case .pooled(let configuration): try PooledCNN(configuration, seed: seed)
        }
    }

    /// The number of classes the model outputs.
    public var classes: Int {
        switch self {
        case .cvcnn(let configuration), .cnn(let configuration): configuration.classes
        case .gnn(let configuration): configuration.classes
        case .linear(let configuration): configuration.classes
        case .pooled(let configuration): configuration.classes
        }
    }

    /// The same network with `count` output classes.
    public func withClasses(_ count: Int) -> ModelArchitecture {
        switch self {
        case .cvcnn(var c): c.classes = count; return .cvcnn(c)
        case .cnn(var c): c.classes = count; return .cnn(c)
        case .gnn(var c): c.classes = count; return .gnn(c)
        case .linear(var c): c.classes = count; return .linear(c)
        case .pooled(var c): c.classes = count; return .pooled(c)
        }
    }

    /// Whether the model reads inputs `[1, rows, frames]`.
    public func accepts(rows: Int, frames: Int) -> Bool {
        switch self {
        case .cvcnn(let c), .cnn(let c): [c.inputChannels, c.inputHeight, c.inputWidth] == [1, rows, frames]
        case .gnn(let c): [c.rows, c.frames] == [rows, frames]
        case .linear(let c): [c.rows, c.frames] == [rows, frames]
        case .pooled(let c): c.inputChannels == 1 && (c.inputRows ?? rows) == rows
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
        case .pooled(let c):
            "pooled \(c.complex ? "cvcnn" : "cnn") \(c.activation.rawValue) blocks \(c.channels.map(String.init).joined(separator: "/"))×\(c.convolutionsPerBlock) k\(c.kernel), \(c.globalPooling.rawValue) global pooling, dropout \(c.dropout)"
        case .linear(let c):
            "linear: logistic regression (C \(c.inverseRegularization)) on \(c.statisticsCount) per-row mean/std statistics of \(c.rows) rows"
        }
    }
}
