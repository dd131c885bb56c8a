import Foundation
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Datasets
@testable import Models
@testable import Training

/// `--refit`: validation chooses the epoch, then the network trains again from the start on the
/// training and validation tracks for that many epochs, and that network is kept.
@Suite(.serialized) struct RefitTests {
    private func train(_ c: TrainingConfiguration, _ dataset: TinyDataset, into name: String, log: LogRecorder)
        throws -> BundleManifest
    {
        var training = GenreTraining(configuration: c, output: dataset.directory.file(name), cache: dataset.cache)
        (training.progressStyle, training.logger) = (.quiet, log.logger())
        return try #require(try training.run(items: dataset.items, resume: false))
    }

    @Test func theRefitTrainsOnValidationTooForTheChosenEpochs() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 3)
        let chosen = try train(c, dataset, into: "chosen", log: LogRecorder())
        c.refit = true
        let log = LogRecorder()
        let refitted = try train(c, dataset, into: "refit", log: log)
        #expect(refitted.validation?.tracksByMeanProbability == chosen.validation?.tracksByMeanProbability)
        #expect(refitted.keptEpoch == chosen.keptEpoch && refitted.epochs == chosen.keptEpoch)
        let validated = Set(chosen.split.filter { $0.split == .validation }.map(\.path))
        #expect(!validated.isEmpty)
        #expect(refitted.split.allSatisfy { $0.split != .validation })
        #expect(refitted.split.filter { validated.contains($0.path) }.allSatisfy { $0.split == .train })
        #expect(
            refitted.split.filter { $0.split == .test }.map(\.path)
                == chosen.split.filter { $0.split == .test }.map(\.path))
        #expect(refitted.normalization != chosen.normalization, "standardised on the training and validation tracks")
        #expect(refitted.training.refit == true)
        let refitLog = dataset.directory.file("refit/refit/train-log.jsonl")
        let lines = try String(contentsOf: refitLog, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == chosen.keptEpoch)
        #expect(
            log.messages(at: .info).contains {
                $0.hasPrefix(
                    "refit: validation chose epoch \(chosen.keptEpoch) of 3; training again from the start on the ")
            }, "\(log.messages(at: .info))")
    }

    /// Each member of an ensemble is refitted for the epoch it chose, in its own `refit/` folder.
    @Test func everyMemberOfAnEnsembleIsRefittedForItsOwnEpoch() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 3)
        c.ensemble = 2
        let chosen = try train(c, dataset, into: "chosen", log: LogRecorder())
        c.refit = true
        let refitted = try train(c, dataset, into: "refit", log: LogRecorder())
        let epochs = try #require(chosen.members).map(\.keptEpoch)
        #expect(try #require(refitted.members).map(\.keptEpoch) == epochs)
        #expect(refitted.members?.map(\.epochs) == epochs)
        for (k, folder) in ["refit/refit", "refit/member-2/refit"].enumerated() {
            let log = try String(contentsOf: dataset.directory.file(folder + "/train-log.jsonl"), encoding: .utf8)
            #expect(log.split(separator: "\n").count == epochs[k], "\(folder)")
        }
        #expect(refitted.validation?.tracksByMeanProbability == chosen.validation?.tracksByMeanProbability)
    }

    @Test func aRefitNeedsValidationTracks() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 1)
        (c.validationFraction, c.refit) = (0, true)
        #expect(throws: TrainingError.refitWithoutValidation) {
            try train(c, dataset, into: "none", log: LogRecorder())
        }
    }

    /// The refit's settings, and the option: `--refit` or `refit: true`; resuming the choosing run
    /// does not depend on it.
    @Test func theRefitsSettingsAndItsOption() throws {
        var c = TinyDataset.configuration(epochs: 20)
        c.recipe?.patience = 3
        c.refit = true
        let r = c.refitted(epochs: 7)
        #expect(r.epochs == 7 && r.validationFraction == 0 && r.keep == .last && r.refit == nil)
        #expect(r.recipe?.patience == nil && r.seed == c.seed)
        var without = c
        without.refit = nil
        #expect(without.resumeHash == c.resumeHash)
        #expect(try TrainingOverrides.parse(["--refit"]).configuration().refit == true)
        #expect(try TrainingOverrides.parse([]).configuration().refit == nil)
    }
}
