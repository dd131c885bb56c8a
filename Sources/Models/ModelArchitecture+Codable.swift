import ComplexNN
import PhaseGraph

/// `model.json`'s `architecture`: the family under `family` beside the family's own settings,
/// e.g. `{"family": "cvcnn", "activation": "cardioid", "firstChannels": 10, …}`. Adding a family
/// is one more case in ``Family`` and in both switches below. Format-1 bundles wrote Swift's enum
/// encoding (`{"cvcnn": {"_0": {…}}}`), which still decodes.
extension ModelArchitecture {
    /// The `family` values.
    enum Family: String, CodingKey, Codable, CaseIterable { case cvcnn, cnn, gnn, linear, pooled }

    private enum FamilyKey: String, CodingKey { case family }
    private enum LegacyPayload: String, CodingKey { case payload = "_0" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FamilyKey.self)
        guard container.contains(.family) else {
            self = try Self.decodeFormat1(decoder)
            return
        }
        switch try container.decode(Family.self, forKey: .family) {
        case .cvcnn: self = .cvcnn(try CVCNNConfiguration(from: decoder))
        case .cnn: self = .cnn(try CVCNNConfiguration(from: decoder))
        case .gnn: self = .gnn(try PhaseGraphConfiguration(from: decoder))
        case .linear: self = .linear(try StatisticsClassifierConfiguration(from: decoder))
        case .pooled: self = .pooled(try PooledCNNConfiguration(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FamilyKey.self)
        try container.encode(family, forKey: .family)
        switch self {
        case .cvcnn(let configuration), .cnn(let configuration): try configuration.encode(to: encoder)
        case .gnn(let configuration): try configuration.encode(to: encoder)
        case .linear(let configuration): try configuration.encode(to: encoder)
        case .pooled(let configuration): try configuration.encode(to: encoder)
        }
    }

    /// The family name (`cvcnn`, `cnn`, `gnn`).
    var family: Family {
        switch self {
        case .cvcnn: .cvcnn
        case .cnn: .cnn
        case .gnn: .gnn
        case .linear: .linear
        case .pooled: .pooled
        }
    }

    /// `{"cvcnn": {"_0": {…}}}`.
    private static func decodeFormat1(_ decoder: any Decoder) throws -> ModelArchitecture {
        let container = try decoder.container(keyedBy: Family.self)
        guard let family = Family.allCases.first(where: container.contains) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: container.codingPath,
                    debugDescription: "no 'family' (one of \(Family.allCases.map(\.rawValue).joined(separator: ", ")))")
            )
        }
        let payload = try container.nestedContainer(keyedBy: LegacyPayload.self, forKey: family)
        switch family {
        case .cvcnn: return .cvcnn(try payload.decode(CVCNNConfiguration.self, forKey: .payload))
        case .cnn: return .cnn(try payload.decode(CVCNNConfiguration.self, forKey: .payload))
        case .gnn: return .gnn(try payload.decode(PhaseGraphConfiguration.self, forKey: .payload))
        case .linear: return .linear(try payload.decode(StatisticsClassifierConfiguration.self, forKey: .payload))
        case .pooled: return .pooled(try payload.decode(PooledCNNConfiguration.self, forKey: .payload))
        }
    }
}

/// `training.architecture` in `model.json`: only the settings of the chosen family — the design
/// and its widths for `cvcnn`/`cnn`, the `graph` block for `gnn`. Absent settings decode to their
/// defaults, except the design: bundles written before it existed used the paper's. ``CodingKeys`` lists every stored property (a test checks that against
/// the type, so a new property cannot be silently left out).
extension ArchitectureOptions {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, design, activation, firstChannels, secondChannels, hiddenFeatures, kernel, channels, dropout
        case globalPooling
        case matchParameters, graph
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decodeIfPresent(ModelKind.self, forKey: .model) ?? model
        design = try c.decodeIfPresent(ConvolutionalDesign.self, forKey: .design) ?? .paper
        channels = try c.decodeIfPresent([Int].self, forKey: .channels)
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout)
        globalPooling = try c.decodeIfPresent(PooledCNNConfiguration.GlobalPooling.self, forKey: .globalPooling)
        activation = try c.decodeIfPresent(ActivationKind.self, forKey: .activation)
        firstChannels = try c.decodeIfPresent(Int.self, forKey: .firstChannels) ?? firstChannels
        secondChannels = try c.decodeIfPresent(Int.self, forKey: .secondChannels) ?? secondChannels
        hiddenFeatures = try c.decodeIfPresent(Int.self, forKey: .hiddenFeatures) ?? hiddenFeatures
        kernel = try c.decodeIfPresent(Int.self, forKey: .kernel) ?? kernel
        matchParameters = try c.decodeIfPresent(Bool.self, forKey: .matchParameters) ?? matchParameters
        graph = try c.decodeIfPresent(PhaseGraphConfiguration.self, forKey: .graph) ?? graph
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encodeIfPresent(activation, forKey: .activation)
        if model == .gnn {
            try c.encode(graph, forKey: .graph)
        } else if model != .linear {
            try c.encode(design, forKey: .design)
            if design == .paper {
                try c.encode(firstChannels, forKey: .firstChannels)
                try c.encode(secondChannels, forKey: .secondChannels)
                try c.encode(hiddenFeatures, forKey: .hiddenFeatures)
                try c.encode(kernel, forKey: .kernel)
            } else {
                try c.encodeIfPresent(channels, forKey: .channels)
                try c.encodeIfPresent(dropout, forKey: .dropout)
                try c.encodeIfPresent(globalPooling, forKey: .globalPooling)
            }
            try c.encode(matchParameters, forKey: .matchParameters)
        }
    }
}
