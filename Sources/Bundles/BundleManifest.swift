import FeatureExtraction
import Foundation
import Models

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

extension BundleManifest {
    /// A manifest of the current format; ``ModelBundle/write(model:manifest:to:)`` fills in
    /// `weightsSHA256`.
    package init(
        labels: [String], architecture: ModelArchitecture, feature: InputFeature, extraction: ExtractionSettings,
        segmenting: Segmenting, framesPerSegment: Int, normalization: FeatureNormalization,
        training: TrainingConfiguration, commandLine: [String], seed: UInt64, parameterCount: Int,
        dataset: DatasetSummary?, split: [TrackRecord], outOfDistribution: OutOfDistributionModel?, keptEpoch: Int,
        epochs: Int, validation: TrackEvaluation?, test: TrackEvaluation?, weightsSHA256: String
    ) {
        (self.labels, self.architecture, self.feature, self.extraction) = (labels, architecture, feature, extraction)
        (self.segmenting, self.framesPerSegment, self.normalization) = (segmenting, framesPerSegment, normalization)
        (self.training, self.commandLine, self.seed, self.parameterCount) = (
            training, commandLine, seed, parameterCount
        )
        (self.dataset, self.split, self.outOfDistribution) = (dataset, split, outOfDistribution)
        (self.keptEpoch, self.epochs, self.validation, self.test) = (keptEpoch, epochs, validation, test)
        self.weightsSHA256 = weightsSHA256
    }
}
