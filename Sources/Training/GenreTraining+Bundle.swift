import Bundles
import ComplexNN
import Foundation
import Logging
import Models

extension GenreTraining {
    /// Evaluates the kept model — an ensemble: the mean of its members' probabilities, and each
    /// member alone — on the validation and test tracks and writes the bundle. After a refit the
    /// validation figures are those of the models that chose the epochs (`chosenOn`), on their
    /// validation tracks: the refitted models trained on those tracks.
    func writeBundle(
        _ outcomes: [Trainer.Outcome], data: TrainingData, architecture: ModelArchitecture,
        configuration c: TrainingConfiguration,
        chosenOn choice: (outcomes: [Trainer.Outcome], data: TrainingData)? = nil,
        logger: Logger
    ) throws -> BundleManifest {
        let started = Date()
        let models = outcomes.map(\.model)
        let judged = choice ?? (outcomes, data)
        let validation = Self.evaluations(judged.outcomes.map(\.model), on: judged.data.validation, labels: data.labels)
        let test = Self.evaluations(models, on: data.test, labels: data.labels)
        let members =
            models.count == 1
            ? nil
            : outcomes.indices.map { k in
                EnsembleMember(
                    seed: c.member(k).seed, keptEpoch: outcomes[k].keptEpoch, epochs: outcomes[k].records.count,
                    validation: validation?.members[k], test: test?.members[k])
            }
        let recorded = DatasetSummary.records(
            data.items, contentHashes: try cache.contentHashes(for: data.items, settings: c.extraction))
        let manifest = BundleManifest(
            labels: data.labels, architecture: architecture, framesPerSegment: c.framesPerSegment,
            normalization: data.normalization, training: c, commandLine: commandLine,
            parameterCount: try architecture.parameterCount(), dataset: recorded.dataset, split: recorded.tracks,
            outOfDistribution: OutOfDistributionModel(
                training: data.train.tracks, labels: data.train.labels, validation: data.validation.tracks),
            keptEpoch: outcomes[0].keptEpoch, epochs: outcomes[0].records.count,
            validation: validation?.ensemble, test: test?.ensemble, weightsSHA256: "", members: members)
        let written = try ModelBundle.write(members: models, manifest: manifest, to: output)
        logger.debug(
            "evaluated and wrote the bundle in \(Self.seconds(since: started)) (weights SHA-256 \(written.weightsSHA256.prefix(8)))"
        )
        return written
    }

    /// The metrics on `set` of the mean of the models' probabilities and of each model alone
    /// (`nil` for an empty set). One model's are computed once.
    private static func evaluations(_ models: [any Module], on set: SegmentSet, labels: [String]) -> (
        ensemble: TrackEvaluation, members: [TrackEvaluation]
    )? {
        guard !set.segments.isEmpty else { return nil }
        let probabilities = models.map { SegmentClassifier.probabilities($0, set) }
        func evaluation(_ p: [[Float]]) -> TrackEvaluation {
            TrackEvaluation(labels: labels, set: set, probabilities: p)
        }
        let ensemble = evaluation(SegmentClassifier.mean(probabilities))
        return (ensemble, models.count == 1 ? [ensemble] : probabilities.map(evaluation))
    }
}
