import ClassifierSupport
import ComplexNN
import FeatureExtraction
import Foundation
import Models
import PhaseGraph

/// Changes to a ``TrainingConfiguration`` from `--config FILE.yaml` or the command line; `nil`
/// leaves a setting alone. YAML keys are the option names in snake case: `model`, `features`,
/// `epochs`, `batch_size`, `batch_slices`, `optimizer`, `lr`, `momentum`, `weight_decay`, `seed`, `val`, `test`,
/// `segment_seconds`, `segment_hop`, `activation`, `match_params`, `classes` (a list), `group_by`, `architecture`, `channels` (a list), `dropout`, `global_pooling`, `conv1`, `conv2`,
/// `hidden`, `kernel`, `augment_shift`, `augment_gain_db`, `augment_snr_db`, `augment_time_mask`,
/// `augment_freq_mask`, `mixup`, `schedule`, `warmup_epochs`, `label_smoothing`, `class_weights`,
/// `patience`, `keep`, the `gnn` keys
/// `nodes`, `node_features`, `positional`, `edges`, `chunks`, `neighbours`, `learnable_temperature`,
/// `graph_layers`, `graph_hidden`, `readout`, `residual`, and the feature keys
/// `sr`, `n_fft`, `hop`, `n_mels`, `n_mfcc`, `fmin`, `fmax`, `top_db`.
public struct TrainingOverrides: Codable, Sendable {
    public var model: ModelKind?
    public var features: InputFeature?
    public var epochs: Int?
    public var batch_size: Int?
    public var batch_slices: Int?
    public var optimizer: OptimizerKind?
    public var lr: Float?
    public var momentum: Float?
    public var weight_decay: Float?
    public var seed: UInt64?
    public var val: Double?
    public var test: Double?
    public var segment_seconds: Double?
    public var segment_hop: Double?
    public var activation: ActivationKind?
    public var match_params: Bool?
    public var classes: [String]?
    public var group_by: String?
    public var architecture: ConvolutionalDesign?
    public var channels: [Int]?
    public var dropout: Float?
    public var global_pooling: PooledCNNConfiguration.GlobalPooling?
    public var conv1: Int?
    public var conv2: Int?
    public var hidden: Int?
    public var kernel: Int?
    public var augment_shift: Int?
    public var augment_gain_db: Float?
    public var augment_snr_db: Float?
    public var augment_time_mask: Int?
    public var augment_freq_mask: Int?
    public var mixup: Float?
    public var schedule: LearningRateScheduleKind?
    public var warmup_epochs: Double?
    public var label_smoothing: Float?
    public var class_weights: ClassWeighting?
    public var patience: Int?
    public var keep: EpochSelection?
    public var nodes: PhaseGraphConfiguration.NodeSet?
    public var node_features: PhaseGraphConfiguration.NodeFeatures?
    public var positional: Bool?
    public var edges: PhaseGraphConfiguration.EdgeWeighting?
    public var chunks: Int?
    public var neighbours: Int?
    public var learnable_temperature: Bool?
    public var graph_layers: Int?
    public var graph_hidden: Int?
    public var readout: PhaseGraphConfiguration.Readout?
    public var residual: Bool?
    public var sr: Int?
    public var n_fft: Int?
    public var hop: Int?
    public var n_mels: Int?
    public var n_mfcc: Int?
    public var fmin: Double?
    public var fmax: Double?
    public var top_db: Double?

    public init() {}

    /// Reads a YAML file; an unknown key or a wrong value is an error naming the file and key.
    public init(yamlFile url: URL) throws(DatasetError) {
        self = try decodeYAMLOverrides(url, knownKeys: CodingKeys.allCases.map(\.rawValue))
    }

    /// These overrides with every value set in `other` taking precedence.
    public func overridden(by other: TrainingOverrides) -> TrainingOverrides {
        let encoder = JSONEncoder.sortedKeys
        func dictionary(_ value: TrainingOverrides) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: encoder.encode(value))) as? [String: Any] ?? [:]
        }
        let merged = dictionary(self).merging(dictionary(other)) { _, new in new }
        // Both sides are valid encodings of this type, so their union decodes.
        return try! JSONDecoder().decode(TrainingOverrides.self, from: JSONSerialization.data(withJSONObject: merged))
    }

    /// The chosen model family's defaults (``TrainingConfiguration/init(model:design:)``, with the
    /// feature's spectral defaults) and then every value set here.
    public func configuration() throws -> TrainingConfiguration {
        var c = TrainingConfiguration(model: model ?? .cvcnn, design: architecture ?? .pooled)
        if let v = features { c.feature = v }
        var extraction = ExtractionOverrides()
        (extraction.sr, extraction.n_fft, extraction.hop, extraction.n_mels) = (sr, n_fft, hop, n_mels)
        (extraction.n_mfcc, extraction.fmin, extraction.fmax, extraction.top_db) = (n_mfcc, fmin, fmax, top_db)
        c.spectral = try extraction.applied(
            to: ExtractionSettings(features: [c.feature.kind], spectral: c.feature.defaultSpectral)
        ).spectral
        if let v = model { c.architecture.model = v }
        c.architecture.activation = activation
        if let v = match_params { c.architecture.matchParameters = v }
        if let v = architecture { c.architecture.design = v }
        c.architecture.channels = channels
        c.architecture.dropout = dropout
        if let v = global_pooling { c.architecture.globalPooling = v }
        if let v = conv1 { c.architecture.firstChannels = v }
        if let v = conv2 { c.architecture.secondChannels = v }
        if let v = hidden { c.architecture.hiddenFeatures = v }
        if let v = kernel { c.architecture.kernel = v }
        if segment_seconds != nil || segment_hop != nil {
            c.segmenting = try Segmenting(
                segmentSeconds: segment_seconds ?? c.segmenting.segmentSeconds, hopSeconds: segment_hop)
        }
        if let v = epochs { c.epochs = v }
        if let v = batch_size { c.batchSize = v }
        if let v = batch_slices { c.batchSlices = v }
        if let v = optimizer { c.optimizer = v }
        if let v = lr { c.learningRate = v }
        if let v = momentum { c.momentum = v }
        if let v = weight_decay { c.weightDecay = v }
        if let v = seed { c.seed = v }
        if let v = val { c.validationFraction = v }
        if let v = test { c.testFraction = v }
        c.classes = classes
        c.groupBy = group_by
        if let v = augment_shift { c.augmentation.shiftFrames = v }
        if let v = augment_gain_db { c.augmentation.gainDB = v }
        c.augmentation.snrDB = augment_snr_db
        if let v = augment_time_mask { c.augmentation.timeMaskFrames = v }
        if let v = augment_freq_mask { c.augmentation.frequencyMaskRows = v }
        if let v = mixup { c.augmentation.mixupAlpha = v }
        if let v = schedule { c.recipe?.schedule = v }
        if let v = warmup_epochs { c.recipe?.warmupEpochs = v }
        if let v = label_smoothing { c.recipe?.labelSmoothing = v }
        if let v = class_weights { c.recipe?.classWeighting = v }
        if let v = patience { c.recipe?.patience = v }
        if let v = keep { c.keep = v }
        if let v = nodes { c.architecture.graph.nodes = v }
        if let v = node_features { c.architecture.graph.nodeFeatures = v }
        if let v = positional { c.architecture.graph.positional = v }
        if let v = edges { c.architecture.graph.edges = v }
        if let v = chunks { c.architecture.graph.chunks = v }
        if let v = neighbours { c.architecture.graph.neighbours = v }
        if let v = learnable_temperature { c.architecture.graph.learnableTemperature = v }
        if let v = graph_layers { c.architecture.graph.layers = v }
        if let v = graph_hidden { c.architecture.graph.hiddenFeatures = v }
        if let v = readout { c.architecture.graph.readout = v }
        if let v = residual { c.architecture.graph.residual = v }
        try checkDesignOptions(c.architecture)
        try c.validate()
        return c
    }

    /// Options of the other convolutional design are refused rather than silently ignored.
    private func checkDesignOptions(_ options: ArchitectureOptions) throws(ConfigurationError) {
        guard options.model == .cvcnn || options.model == .cnn else { return }
        let paper: [(String, Any?)] = [("conv1", conv1), ("conv2", conv2), ("hidden", hidden), ("kernel", kernel)]
        let pooled: [(String, Any?)] = [
            ("channels", channels), ("dropout", dropout), ("global_pooling", global_pooling),
        ]
        let foreign = options.design == .pooled ? paper : pooled
        if let (key, value) = foreign.first(where: { $0.1 != nil }) {
            throw ConfigurationError(
                key: key, value: "\(value!)",
                reason:
                    "applies to architecture \(options.design == .pooled ? "paper" : "pooled"), not \(options.design.rawValue) (set architecture)"
            )
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, features, epochs, batch_size, batch_slices, optimizer, lr, momentum, weight_decay, seed, val, test,
            segment_seconds, segment_hop
        case activation, match_params, classes, group_by, architecture, channels, dropout, global_pooling, conv1, conv2,
            hidden, kernel,
            augment_shift, augment_gain_db,
            augment_snr_db, augment_time_mask, augment_freq_mask, mixup, keep
        case schedule, warmup_epochs, label_smoothing, class_weights, patience
        case nodes, node_features, positional, edges, chunks, neighbours, learnable_temperature, graph_layers,
            graph_hidden, readout, residual
        case sr, n_fft, hop, n_mels, n_mfcc, fmin, fmax, top_db
    }
}
