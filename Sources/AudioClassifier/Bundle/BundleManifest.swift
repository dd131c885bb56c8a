import Foundation

/// `model.json` of a model bundle: everything needed to turn audio into the model's input and
/// its output into labels, plus how the model was made and how well it did.
public struct BundleManifest: Codable, Sendable {
    /// The format this code writes and reads.
    public static let currentFormatVersion = 1

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
    /// Every track used, with its split: `evaluate` without a dataset uses the `test` ones.
    public var split: [DatasetItem]
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
