import Foundation

/// `model.json` of a model bundle: everything needed to turn audio into the model's input and
/// its output into labels, plus how the model was made and how well it did. The schema is
/// documented key by key in `models/README.md`.
public struct BundleManifest: Codable, Sendable {
    /// The format this code writes. Version 2 records tracks by content hash relative to the
    /// dataset roots, the architecture under a `family` key, the dataset summary and the
    /// out-of-distribution statistics.
    public static let currentFormatVersion = 2
    /// The formats this code reads (format 1: tracks by absolute path, no hashes).
    public static let readableFormatVersions = 1...2

    public var formatVersion: Int = Self.currentFormatVersion
    /// Class names; output k of the model is `labels[k]`.
    public var labels: [String]
    public var architecture: ModelArchitecture
    public var feature: InputFeature
    /// The full feature settings (feature list and spectral configuration).
    public var extraction: ExtractionSettings
    public var segmenting: Segmenting
    /// Frames per segment (follows from `segmenting` and the spectral settings; stored for readers).
    public var framesPerSegment: Int
    public var normalization: FeatureNormalization
    public var training: TrainingConfiguration
    /// The command that trained the model, as typed (arguments).
    public var commandLine: [String]
    public var seed: UInt64
    /// Trainable real scalars (complex weights count twice).
    public var parameterCount: Int
    /// What the model was trained on (absent in format 1).
    public var dataset: DatasetSummary?
    /// Every track used, with its split and content hash: `evaluate` never scores the `train` and
    /// `validation` ones unless asked to.
    public var split: [TrackRecord]
    /// The training distribution of feature statistics that `predict` compares inputs with
    /// (absent in format 1).
    public var outOfDistribution: OutOfDistributionModel?
    /// The epoch whose weights are stored (best on validation, or the last with `keep: last`)
    /// and the epochs run.
    public var keptEpoch: Int, epochs: Int
    public var validation: TrackEvaluation?
    public var test: TrackEvaluation?
    /// SHA-256 (hex) of `model.safetensors`.
    public var weightsSHA256: String

    /// Where segments start, in frames (the rule the model was trained with).
    public var segmentLayout: SegmentLayout {
        segmenting.layout(sampleRate: extraction.spectral.sampleRate, hopLength: extraction.spectral.hopLength)
    }
}
