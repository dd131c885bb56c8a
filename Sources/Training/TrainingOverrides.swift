import ArgumentParser
import ClassifierSupport
import ComplexNN
import FeatureExtraction
import Foundation
import Models
import PhaseGraph

/// The options of `train genre`: changes to the chosen model family's defaults
/// (``TrainingConfiguration/init(model:design:)``), `nil` leaving a setting at that default. Each
/// option is defined here once: flag (the property's name), type and help, whose `(default: …)`
/// is derived from the family defaults (``settings``). A `--config FILE.yaml` sets the same options
/// by their keys, the flags in snake case (`batch_size: 16`, `classes: [rock, jazz]`).
public struct TrainingOverrides: OverrideSet, Sendable {
    // MARK: - Model and input
    @Option(
        help: Self.help(
            "model",
            "cvcnn (complex, the paper's), cnn (its real twin), gnn (phase-edge graph network) or linear (baseline: logistic regression on per-row mean/std); several joined by + (cvcnn+gnn) are trained on the same split into OUT/<model> and used together, their class probabilities averaged."
        ),
        transform: { text in
            do { return try ModelChoice(parsing: text) } catch let error as ConfigurationError {
                throw ValidationError(error.reason(naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") }))
            }
        })
    public var model: ModelChoice?
    @Option(help: Self.help("features", "Input feature."))
    public var features: InputFeature?

    // MARK: - Optimisation
    @Option(help: Self.help("epochs", "Epochs.")) public var epochs: Int?
    @Option(help: Self.help("batch_size", "Segments per batch (the global batch, over all MPI ranks)."))
    public var batchSize: Int?
    @Option(
        help: Self.help(
            "batch_slices",
            "Cut each batch into N slices, each with its own BatchNorm statistics, gradients averaged (a multiple of the MPI ranks)."
        ))
    public var batchSlices: Int?
    @Option(help: Self.help("optimizer", "Optimizer.")) public var optimizer: OptimizerKind?
    @Option(name: .customLong("lr"), help: Self.help("lr", "Learning rate.")) public var learningRate: Float?
    @Option(help: Self.help("momentum", "SGD momentum.")) public var momentum: Float?
    @Option(help: Self.help("weight_decay", "Weight decay (L2 for sgd/adam, decoupled for adamw)."))
    public var weightDecay: Float?
    @Option(help: Self.help("seed", "Random seed: weights, split, shuffling, augmentation.")) public var seed: UInt64?

    // MARK: - Data
    @Option(name: .customLong("val"), help: Self.help("val", "Fraction of each class's tracks for validation."))
    public var validationFraction: Double?
    @Option(name: .customLong("test"), help: Self.help("test", "Fraction of each class's tracks for testing."))
    public var testFraction: Double?
    @Option(help: Self.help("segment_seconds", "Segment length in seconds.")) public var segmentSeconds: Double?
    @Option(help: Self.help("segment_hop", "Seconds between segment starts.")) public var segmentHop: Double?
    @Option(help: Self.help("activation", "Activation.")) public var activation: ActivationKind?
    @Flag(help: "Widen the cnn twin to the real parameter count of the cvcnn (both counts are printed).")
    public var matchParams = false
    @Option(
        help: Self.help("classes", "Comma-separated labels to train on (others are ignored)."), transform: Self.labels)
    public var classes: [String]?
    @Option(
        help: Self.help(
            "group_by",
            "Manifest column grouping tracks (source recording, artist, album): no group on two sides of a split."))
    public var groupBy: String?
    @Option(
        help: Self.help(
            "hold_out_by",
            "Manifest column (e.g. source) whose values validation (and a drawn test split or folds) holds out whole within each class."
        ))
    public var holdOutBy: String?

    // MARK: - Convolutional networks
    @Option(
        help: Self.help(
            "architecture",
            "cvcnn/cnn network: pooled (3×3 conv blocks, global pooling, dropout) or paper (the paper's CVCNN)."))
    public var architecture: ConvolutionalDesign?
    @Option(help: Self.help("channels", "pooled: channels of each block, comma-separated."), transform: Self.widths)
    public var channels: [Int]?
    @Option(help: Self.help("dropout", "pooled: dropout before the head, in [0, 1).")) public var dropout: Float?
    @Option(
        help: Self.help(
            "global_pooling",
            "pooled: global pooling — meanMax (mean over frequency, mean + max over time), timeMeanMax (mean + max over time, frequency kept) or average."
        ))
    public var globalPooling: PooledCNNConfiguration.GlobalPooling?
    @Option(help: Self.help("conv1", "paper: channels of the first convolution.")) public var conv1: Int?
    @Option(help: Self.help("conv2", "paper: channels of the second convolution.")) public var conv2: Int?
    @Option(help: Self.help("hidden", "paper: hidden features of the first linear layer.")) public var hidden: Int?
    @Option(help: Self.help("kernel", "paper: convolution kernel size.")) public var kernel: Int?

    // MARK: - Augmentation
    @Option(help: Self.help("augment_shift", "Augment: random time shift of up to N frames (feature domain)."))
    public var augmentShift: Int?
    @Option(help: Self.help("augment_gain_db", "Augment: random gain of up to ±DB on the standardised features."))
    public var augmentGainDb: Float?
    @Option(help: Self.help("augment_snr_db", "Augment: add noise at this SNR in dB to the standardised features."))
    public var augmentSnrDb: Float?
    @Option(help: Self.help("augment_time_mask", "Augment (SpecAugment): two time masks of up to N frames each."))
    public var augmentTimeMask: Int?
    @Option(help: Self.help("augment_freq_mask", "Augment (SpecAugment): two frequency masks of up to N rows each."))
    public var augmentFreqMask: Int?
    @Option(help: Self.help("mixup", "Augment: mixup of each batch with a shuffled copy, λ ~ Beta(A, A)."))
    public var mixup: Float?
    @Option(
        help: Self.help(
            "mix_style",
            "Augment: chance P per batch of frequency-wise MixStyle (each segment's rows take level and spread mixed with another's)."
        ))
    public var mixStyle: Float?
    @Option(
        help: Self.help(
            "augment_filter_db",
            "Augment: a random equaliser curve of up to ±DB on the log-mel rows (a new recording chain)."))
    public var augmentFilterDb: Float?

    // MARK: - Recipe
    @Option(help: Self.help("schedule", "Learning rate over the run: cosine (warm-up, then cosine decay) or constant."))
    public var schedule: LearningRateScheduleKind?
    @Option(help: Self.help("warmup_epochs", "Epochs of linear learning-rate warm-up (cosine schedule)."))
    public var warmupEpochs: Double?
    @Option(help: Self.help("label_smoothing", "Label smoothing ε in [0, 1).")) public var labelSmoothing: Float?
    @Option(help: Self.help("class_weights", "Class weights in the loss: balanced (inverse frequency) or none."))
    public var classWeights: ClassWeighting?
    @Option(help: Self.help("patience", "Stop after N epochs without a better validation epoch."))
    public var patience: Int?

    // MARK: - Features
    @OptionGroup(title: "Feature options") public var spectral: SpectralOverrides

    // MARK: - Graph network
    @Option(help: Self.help("nodes", "gnn nodes: mfcc (one per row) or frames (time chunks)."))
    public var nodes: PhaseGraphConfiguration.NodeSet?
    @Option(
        help: Self.help(
            "node_features",
            "gnn mfcc-node features: series (the row over time), statistics (shift-invariant: mean, std, modulation bands) or learned (a temporal encoder learnt with the network)."
        ))
    public var nodeFeatures: PhaseGraphConfiguration.NodeFeatures?
    @Flag(
        inversion: .prefixedNo, help: Self.help("positional", "gnn: append a one-hot node index to the node features."))
    public var positional: Bool?
    @Option(
        help: Self.help(
            "edges",
            "gnn edge weights: none (ablation), phaseDiff, plv, complex (Hermitian) or phaseAdvance (PLV of the phase advances)."
        ))
    public var edges: PhaseGraphConfiguration.EdgeWeighting?
    @Option(help: Self.help("chunks", "gnn: time chunks for --nodes frames.")) public var chunks: Int?
    @Option(help: Self.help("neighbours", "gnn: connect nodes at most K apart.")) public var neighbours: Int?
    @Flag(help: "gnn: learn a temperature on the phase similarity.") public var learnableTemperature = false
    @Option(help: Self.help("graph_layers", "gnn: graph convolutions.")) public var graphLayers: Int?
    @Option(help: Self.help("graph_hidden", "gnn: features per graph convolution.")) public var graphHidden: Int?
    @Option(help: Self.help("readout", "gnn readout: mean, max or attention.")) public var readout:
        PhaseGraphConfiguration.Readout?
    @Flag(inversion: .prefixedNo, help: Self.help("residual", "gnn: residual connections between graph convolutions."))
    public var residual: Bool?

    // MARK: - Bundle
    @Option(help: Self.help("keep", "Weights kept in the bundle: best (on validation) or last (final epoch)."))
    public var keep: EpochSelection?
    @Option(
        help: Self.help(
            "ensemble",
            "Train this many networks on the one split, each with its own seed derived from --seed (weights, batch order, dropout, augmentation; the first is the single model of --seed), into one bundle that averages their class probabilities."
        ))
    public var ensemble: Int?
    @Flag(
        help:
            "After validation has chosen the epoch, train again from the start on the training and validation tracks together for that many epochs and keep that network (its validation figure is the choosing run's)."
    )
    public var refit = false
    @Option(
        help: ArgumentHelp(
            "Start the network from this bundle's weights (fine-tuning, e.g. of a network pretrained on other recordings): every layer but the output layer, which starts afresh unless the bundle has the same classes. The bundle must have this run's network and input feature.",
            valueName: "bundle"))
    public var initFrom: String?

    public init() {}

    public static var fields: [OptionField<Self>] { settings.map(\.field) }

    /// `a, b` as the labels `["a", "b"]`.
    static func labels(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `16,32,64` as integers; anything else is a usage error quoting the text.
    static func widths(_ text: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("\(text): expected positive integers separated by commas, e.g. 16,32,64")
        }
        return values.compactMap { $0 }
    }
}
