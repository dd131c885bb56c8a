import FeatureExtraction
import Foundation
import Models

/// `model.json` of a model bundle: everything needed to turn audio into the model's input and
/// its output into labels, plus how the model was made and how well it did. The schema is
/// documented key by key in `models/README.md`.
///
/// Each fact is stored once: the input feature, its spectral settings, the segmenting and the
/// seed live in ``training``, and ``feature``, ``extraction``, ``segmenting`` and ``seed`` read
/// them from there.
public struct BundleManifest: Codable, Sendable {
    /// The format this code writes for a single model. Version 3 stores the feature, spectral
    /// settings, segmenting and seed only in `training`; version 2 recorded tracks by content hash
    /// relative to the dataset roots, the architecture under a `family` key, the dataset summary
    /// and the out-of-distribution statistics.
    public static let currentFormatVersion = 3
    /// The format this code writes for an ensemble: format 3 plus ``members``, with the weights of
    /// member k named `members.k.…`. Only ensembles are written so, so that a single model's bundle
    /// stays byte for byte what it was and an audiocls that reads up to format 3 refuses an
    /// ensemble by its version instead of failing on its weights' names.
    public static let ensembleFormatVersion = 4
    /// The formats this code reads (format 1: tracks by absolute path, no hashes; formats 1 and 2
    /// repeat `feature`, `extraction`, `segmenting` and `seed` beside `training`).
    public static let readableFormatVersions = 1...4

    public var formatVersion: Int = Self.currentFormatVersion
    /// Class names; output k of the model is `labels[k]`.
    public var labels: [String]
    public var architecture: ModelArchitecture
    /// Frames per segment (follows from `segmenting` and the spectral settings; stored for readers).
    public var framesPerSegment: Int
    public var normalization: FeatureNormalization
    /// The resolved training configuration, including the input feature and its spectral
    /// settings, the segmenting and the seed.
    public var training: TrainingConfiguration
    /// The command that trained the model, as typed (arguments).
    public var commandLine: [String]
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
    /// An ensemble's networks (`training.ensemble` of them, in weight order), each with its seed,
    /// kept epoch and own metrics; absent for a single model. ``keptEpoch`` and ``epochs`` are
    /// then the first member's, ``validation`` and ``test`` the ensemble's.
    public var members: [EnsembleMember]?

    /// The keys of `model.json` (format 3).
    enum CodingKeys: String, CodingKey {
        case formatVersion, labels, architecture, framesPerSegment, normalization, training, commandLine
        case parameterCount, dataset, split, outOfDistribution, keptEpoch, epochs, validation, test, weightsSHA256
        case members
    }

    /// Networks whose mean class probabilities the bundle predicts (`training.ensemble`, or 1).
    public var memberCount: Int { training.memberCount }

    /// The epoch whose weights the model keeps and the epochs it ran, `epoch 12 of 20`; an
    /// ensemble's per member, `epochs 12, 9, 15 of 20, 20, 20`.
    public var keptEpochsText: String {
        guard let members else { return "epoch \(keptEpoch) of \(epochs)" }
        func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
        return "epochs \(list(members.map(\.keptEpoch))) of \(list(members.map(\.epochs)))"
    }

    /// Each member's track accuracy (mean probability) on the validation tracks; `nil` for a
    /// single model or without validation tracks.
    public var memberValidationAccuracies: [Double]? {
        guard let members, validation != nil else { return nil }
        return members.compactMap { $0.validation?.tracksByMeanProbability.accuracy }
    }

    /// The format ``ModelBundle/write(members:manifest:to:)`` gives this manifest: 4 for an
    /// ensemble, 3 otherwise.
    public var writtenFormatVersion: Int {
        members == nil ? Self.currentFormatVersion : Self.ensembleFormatVersion
    }

    /// The input feature (`training.feature`).
    public var feature: InputFeature { training.feature }
    /// The feature-store settings: the feature under its spectral settings (`training.extraction`).
    public var extraction: ExtractionSettings { training.extraction }
    /// How tracks are cut into segments (`training.segmenting`).
    public var segmenting: Segmenting { training.segmenting }
    /// The run's seed (`training.seed`).
    public var seed: UInt64 { training.seed }

    /// Where segments start, in frames (the rule the model was trained with).
    public var segmentLayout: SegmentLayout { training.segmentLayout }
}

extension BundleManifest {
    /// A manifest of the current format; ``ModelBundle/write(members:manifest:to:)`` fills in
    /// `weightsSHA256` and the format version (4 with `members`).
    package init(
        labels: [String], architecture: ModelArchitecture, framesPerSegment: Int, normalization: FeatureNormalization,
        training: TrainingConfiguration, commandLine: [String], parameterCount: Int, dataset: DatasetSummary?,
        split: [TrackRecord], outOfDistribution: OutOfDistributionModel?, keptEpoch: Int, epochs: Int,
        validation: TrackEvaluation?, test: TrackEvaluation?, weightsSHA256: String, members: [EnsembleMember]? = nil
    ) {
        (self.labels, self.architecture, self.framesPerSegment) = (labels, architecture, framesPerSegment)
        (self.normalization, self.training, self.commandLine) = (normalization, training, commandLine)
        (self.parameterCount, self.dataset, self.split) = (parameterCount, dataset, split)
        (self.outOfDistribution, self.keptEpoch, self.epochs) = (outOfDistribution, keptEpoch, epochs)
        (self.validation, self.test, self.weightsSHA256) = (validation, test, weightsSHA256)
        self.members = members
    }
}
