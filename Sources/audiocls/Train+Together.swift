import Bundles
import ClassifierSupport
import Datasets
import Evaluation
import FeatureExtraction
import Foundation
import Logging
import Models
import Training

extension AudioCLS.Train.Genre {
    /// Several families trained together (`--model A+B`): the combination written and what its
    /// members' validation figures were.
    struct TrainedTogether {
        let out: String
        let combination: ModelCombination
        /// Each member's track accuracy on the validation tracks (those it has).
        let memberValidation: [Double]

        /// The closing line: where the models went and the average's validation and test figures.
        var summary: String {
            var text =
                "wrote \(out) (\(combination.members.joined(separator: " + ")) used together: \(combination.members.map { "\(out)/\($0)" }.joined(separator: ", ")))"
            if let v = combination.validation {
                text += String(format: "; validation track accuracy %.3f", v.accuracy)
                if let members = memberAccuracy {
                    text += String(format: " (members %.3f ± %.3f)", members.mean, members.sd)
                }
            }
            if let t = combination.test {
                text += String(
                    format: "; test accuracy: tracks %.3f, macro-F1 %.3f (%d tracks)", t.accuracy, t.macroF1,
                    t.confusion.joined().reduce(0, +))
            }
            return text
        }

        private var memberAccuracy: (mean: Double, sd: Double)? {
            memberValidation.count == combination.members.count
                ? RepeatedTraining.Summary.meanAndSD(memberValidation) : nil
        }

        /// The line of `--seeds`/`--folds`'s summary for this run.
        func entry(run: String) -> RepeatedTraining.Summary.Entry {
            let test = combination.test
            return .init(
                run: run, accuracy: test?.accuracy ?? .nan, macroF1: test?.macroF1 ?? .nan,
                testTracks: test?.confusion.joined().reduce(0, +) ?? 0,
                validationAccuracy: combination.validation?.accuracy, memberValidationAccuracy: memberAccuracy?.mean)
        }
    }

    /// Each configuration (one per family of `--model A+B`) trained on `items` into OUT/<family>,
    /// one after the other, each as `--model <family>` would train it (same split, seed and
    /// options), then `OUT/combination.json` with the average's figures (``ModelCombination``).
    /// With --resume each member continues from its checkpoint, or starts if it has none.
    func trainTogether(_ configurations: [TrainingConfiguration], items: [DatasetItem], out: String) throws
        -> TrainedTogether
    {
        var members: [(folder: String, bundle: ModelBundle)] = []
        var memberValidation: [Double] = []
        for (k, configuration) in configurations.enumerated() {
            let name = configuration.architecture.model.rawValue
            let path = (out.hasSuffix("/") ? out : out + "/") + name, folder = URL(fileURLWithPath: path)
            Logger.cli.info("== \(name): model \(k + 1) of \(configurations.count), into \(path)")
            let started = resume && FileManager.default.fileExists(atPath: Trainer.lastCheckpoint(in: folder).path)
            let manifest = try train(configuration, items: items, out: path, resume: started)!
            print(Self.summary(manifest, out: path))
            if let v = manifest.validation { memberValidation.append(v.tracksByMeanProbability.accuracy) }
            members.append((name, try ModelBundle(directory: folder)))
        }
        let cache = FeatureCache(root: URL(fileURLWithPath: cacheOption.path), jobs: jobs.count)
        let combination = try ModelCombination.evaluated(
            members: members, cache: cache, progress: StandardErrorLog.progressStyle)
        try combination.write(to: URL(fileURLWithPath: out))
        try settleStale(
            [ModelBundle.manifestName, ModelBundle.weightsName], in: URL(fileURLWithPath: out),
            what: "a single model of an earlier run, not part of these models used together")
        return TrainedTogether(out: out, combination: combination, memberValidation: memberValidation)
    }
}
