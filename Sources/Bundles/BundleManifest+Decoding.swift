import FeatureExtraction
import Foundation
import Models

extension BundleManifest {
    /// The keys formats 1 and 2 wrote beside `training`, repeating what it holds.
    private enum RepeatedKeys: String, CodingKey {
        case feature, extraction, segmenting, seed
    }

    /// Reads any of ``readableFormatVersions``. In formats 1 and 2 the top-level `feature`,
    /// `extraction` (its spectral settings), `segmenting` and `seed` are the ones `predict` and
    /// `evaluate` used, so they replace `training`'s (which they equal in every bundle audiocls wrote).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        labels = try container.decode([String].self, forKey: .labels)
        architecture = try container.decode(ModelArchitecture.self, forKey: .architecture)
        framesPerSegment = try container.decode(Int.self, forKey: .framesPerSegment)
        normalization = try container.decode(FeatureNormalization.self, forKey: .normalization)
        training = try container.decode(TrainingConfiguration.self, forKey: .training)
        commandLine = try container.decode([String].self, forKey: .commandLine)
        parameterCount = try container.decode(Int.self, forKey: .parameterCount)
        dataset = try container.decodeIfPresent(DatasetSummary.self, forKey: .dataset)
        split = try container.decode([TrackRecord].self, forKey: .split)
        outOfDistribution = try container.decodeIfPresent(OutOfDistributionModel.self, forKey: .outOfDistribution)
        keptEpoch = try container.decode(Int.self, forKey: .keptEpoch)
        epochs = try container.decode(Int.self, forKey: .epochs)
        validation = try container.decodeIfPresent(TrackEvaluation.self, forKey: .validation)
        test = try container.decodeIfPresent(TrackEvaluation.self, forKey: .test)
        weightsSHA256 = try container.decode(String.self, forKey: .weightsSHA256)
        members = try container.decodeIfPresent([EnsembleMember].self, forKey: .members)
        if formatVersion < 3 {
            let repeated = try decoder.container(keyedBy: RepeatedKeys.self)
            training.feature = try repeated.decode(InputFeature.self, forKey: .feature)
            training.spectral = try repeated.decode(ExtractionSettings.self, forKey: .extraction).spectral
            training.segmenting = try repeated.decode(Segmenting.self, forKey: .segmenting)
            training.seed = try repeated.decode(UInt64.self, forKey: .seed)
        }
    }
}
