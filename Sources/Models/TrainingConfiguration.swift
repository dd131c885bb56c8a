import ClassifierSupport
import ComplexNN
import Datasets
import FeatureExtraction
import Foundation
import Spectral

/// Which epoch's weights the bundle keeps.
public enum EpochSelection: String, Codable, CaseIterable, Sendable {
    /// The best validation epoch (highest segment accuracy, ties to the lower loss).
    case best
    /// The final epoch.
    case last
}

/// The optimizers training offers (the `optimizer` setting).
public enum OptimizerKind: String, Codable, CaseIterable, Sendable {
    case sgd, adam, adamw
}

/// Everything that determines a training run (stored in the bundle as `training`). Defaults are
/// the paper's: MFCC input (13 coefficients from 13 mel bands), 3 s segments, CVCNN with
/// cardioid, SGD lr 0.01 momentum 0.9, batch 32.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    public var architecture = ArchitectureOptions()
    public var feature: InputFeature = .mfcc
    /// The spectral settings of the feature (``InputFeature/defaultSpectral`` unless overridden).
    public var spectral: FeatureConfiguration = InputFeature.mfcc.defaultSpectral
    public var segmenting = Segmenting.standard
    public var epochs = 20
    public var batchSize = 32
    /// The global batch is cut into this many slices, each with its own forward/backward (and
    /// BatchNorm batch statistics), their gradients combined into the global-batch mean (see
    /// `GradientExchange`). The slices are shared out among the ranks of a distributed run, so it
    /// must be a multiple of their number; one process with `batchSlices` S computes what S ranks
    /// compute. `nil`: one slice per rank.
    public var batchSlices: Int? = nil
    public var optimizer: OptimizerKind = .sgd
    public var learningRate: Float = 0.01
    /// SGD momentum (ignored by Adam/AdamW).
    public var momentum: Float = 0.9
    public var weightDecay: Float = 0
    public var seed: UInt64 = 0
    /// Fractions of each class's tracks held out (when the dataset gives no split column).
    public var validationFraction = 0.1, testFraction = 0.2
    /// Train on these labels only (in this order); `nil`: every label, sorted.
    public var classes: [String]? = nil
    /// The manifest column whose value groups tracks (source recording, artist, album): no group
    /// is on two sides of a split. `nil`: the `group` column when there is one, else none.
    public var groupBy: String? = nil
    /// The manifest column whose values the splits the tool draws (validation; test and folds
    /// when the manifest names no test split) hold out whole within each class, e.g. `source`:
    /// validation then scores recordings of sources training never heard, as a user's recordings
    /// will be. A split the manifest gives is kept. `nil`: splits are drawn by group alone.
    public var holdOutBy: String? = nil
    public var augmentation = Augmentation()
    /// Schedule, label smoothing, class weights, early stopping; `nil` in bundles written before
    /// they existed (constant learning rate, plain cross-entropy, every epoch run).
    public var recipe: TrainingRecipe? = TrainingRecipe()
    /// Which epoch's weights go into the bundle (default: best on validation).
    public var keep: EpochSelection = .best
    /// Networks trained on the one split and averaged (the mean of their class probabilities),
    /// each with its own seed (``member(_:)``); `nil` for a single network, whose settings (and
    /// settings hash) then read as they did before ensembles existed. At least 2 when set.
    public var ensemble: Int? = nil
    /// After the run has chosen its epoch on validation (``keep``), train the network again from
    /// the start on the training and validation tracks together for that many epochs, and keep
    /// that network (``refitted(epochs:)``); `nil` (off) in settings written before it existed.
    public var refit: Bool? = nil
    /// The bundle whose weights the network starts from (every layer but the output layer, which
    /// starts afresh unless the bundle has this run's labels); `nil`: a random start from ``seed``.
    public var initFrom: InitialWeights? = nil

    public init() {}

    /// The defaults of a model family — what measured best on the real-audio benchmark
    /// (`bench/README.md`, "Real-audio models"):
    /// - `cvcnn`/`cnn` pooled: AdamW lr 0.002, weight decay 0.01, global pooling that keeps the
    ///   frequency axis; input log-mel (40 bands) for `cvcnn`, the spectral descriptors (64 log-mel
    ///   bands, 20 MFCCs, contrast, chroma, shape) for `cnn` (higher validation accuracy on the
    ///   benchmark's new sources in every seed than log-mel + phase coherence, its earlier default);
    /// - `cvcnn`/`cnn` paper: the paper's MFCC input (13) and SGD lr 0.01, momentum 0.9;
    /// - `gnn`: phase-coupling input (its edges read phases), AdamW lr 0.01, 40 epochs;
    /// - `linear`: MFCC input (13 coefficients; the fit needs no optimizer settings).
    /// Every family: the cosine schedule with warm-up, label smoothing 0.1, balanced class weights.
    public init(model: ModelKind, design: ConvolutionalDesign = .pooled) {
        architecture.model = model
        architecture.design = design
        switch (model, design) {
        case (.cvcnn, .pooled), (.cnn, .pooled):
            feature = model == .cnn ? .descriptors : .logMel
            (optimizer, learningRate, weightDecay) = (.adamw, 0.002, 0.01)
            architecture.globalPooling = .timeMeanMax
        case (.gnn, _):
            feature = .phaseCoupling
            (optimizer, learningRate, epochs) = (.adamw, 0.01, 40)
        default: break
        }
        spectral = feature.defaultSpectral
    }

    /// The feature-store settings: just this feature under ``spectral``.
    public var extraction: ExtractionSettings { ExtractionSettings(features: [feature.kind], spectral: spectral) }

    /// Frames per segment.
    public var framesPerSegment: Int { segmentLayout.framesPerSegment }

    /// Where segments start, in frames.
    public var segmentLayout: SegmentLayout {
        segmenting.layout(sampleRate: spectral.sampleRate, hopLength: spectral.hopLength)
    }

    /// SHA-256 of the configuration: a checkpoint can only resume a run with the same hash. Without
    /// a learning-rate schedule `epochs` is left out (the epoch count may grow); with one it is in,
    /// since the schedule's length is the run's.
    public var resumeHash: String {
        var copy = self
        if recipe?.schedulesLearningRate != true { copy.epochs = 0 }
        copy.refit = nil  // the run that chooses is the same with or without the refit after it
        return SHA256.hex(ofSettings: copy)
    }

    /// This configuration as trained by `ranks` processes: ``batchSlices`` made explicit (one per
    /// rank unless set), and `nil` when it is 1 so that a plain run's ``resumeHash`` stays as it was.
    public func distributed(over ranks: Int) -> TrainingConfiguration {
        var copy = self
        let slices = batchSlices ?? ranks
        copy.batchSlices = slices == 1 ? nil : slices
        return copy
    }

    /// Checks the settings a user can get wrong; the error names the setting by its key
    /// (`epochs`, `batch_size`, `hop`, …) and quotes the value.
    public func validate() throws(ConfigurationError) {
        try ConfigurationError.requirePositive(epochs, key: "epochs")
        try ConfigurationError.requirePositive(batchSize, key: "batch_size")
        if let batchSlices { try ConfigurationError.requirePositive(batchSlices, key: "batch_slices") }
        if let ensemble { try ConfigurationError.requirePositive(ensemble, key: "ensemble") }
        for (value, key) in [(learningRate, "lr"), (momentum, "momentum"), (weightDecay, "weight_decay")]
        where !value.isFinite {
            throw ConfigurationError(key: key, value: "\(value)", reason: "must be a finite number")
        }
        try ConfigurationError.requirePositive(learningRate, key: "lr")
        try augmentation.validate()
        try recipe?.validate()
        if architecture.model == .cnn && feature.isComplex {
            throw ConfigurationError(
                key: "features", value: feature.rawValue,
                reason: "is complex and model cnn is real-valued (use mfcc or logmel, or {model} cvcnn)")
        }
        if architecture.model == .gnn && architecture.graph.edges != .none && !feature.isComplex {
            throw ConfigurationError(
                key: "edges", value: architecture.graph.edges.rawValue,
                reason:
                    "reads phases, which the real feature '\(feature.rawValue)' lacks (use {features} phase-mfcc, or {edges} none for the ablation)"
            )
        }
        if (augmentation.filterDB ?? 0) > 0 && feature.decibelRows(spectral) == nil {
            throw ConfigurationError(
                key: "augment_filter_db", value: "\(augmentation.filterDB!)",
                reason:
                    "equalises rows in dB, which the feature '\(feature.rawValue)' lacks (use {features} logmel or logmel-coherence)"
            )
        }
        if architecture.model == .linear, let initFrom {
            throw ConfigurationError(
                key: "init_from", value: initFrom.bundle,
                reason: "does not apply to model linear: its fit reaches the same optimum from any start")
        }
        _ = try TrackSplitter(validation: validationFraction, test: testFraction)
        try extraction.validate()
    }

    /// A fresh optimizer of the configured kind over `parameters`.
    public func makeOptimizer(_ parameters: [Tensor]) -> any Optimizer {
        switch optimizer {
        case .sgd: SGD(parameters: parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .adam: Adam(parameters: parameters, learningRate: learningRate, weightDecay: weightDecay)
        case .adamw: AdamW(parameters: parameters, learningRate: learningRate, weightDecay: weightDecay)
        }
    }
}
