import Foundation
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Inference
@testable import Models
@testable import Training

/// The `ensemble` setting: a single model's settings as they were before it existed, the
/// members' seeds, its checks, and the linear baseline's members.
@Suite struct EnsembleSettingsTests {
    /// The settings hash (which a resumed run must match) and the feature cache's key of each
    /// family's defaults and of the tiny dataset's configuration, as the code before ensembles
    /// (commit 1d49a56) computed them: a single model's checkpoints and cache stay valid. (The gnn's
    /// default node features became `learned` later, the cnn's default input `descriptors`; their
    /// pinned figures are those of the defaults of then, given explicitly.)
    @Test(arguments: [
        (
            ["--model", "cvcnn"], "8798a56afbe21f5db27fdf6473e86d4e1fd1aa88ffefdae6ec17c4173dd697f3",
            "e6571cd6f93402503dcc358131361b4fe72376cee08cdc450cd60a3dd3926346"
        ),
        (
            // The cnn's default input before `descriptors`: a configuration keeps its hash.
            ["--model", "cnn", "--features", "logmel-coherence"],
            "f608e5a408fb3f85023c9f948ef7e4a1cd6458a94978dbdc7f4f7a4f2e49a606",
            "59f603e79b2a20b94aecf3d4a2b337aa8c08d87faf604587f1de1dc77e52d855"
        ),
        (
            ["--model", "gnn", "--node-features", "statistics"],
            "54a27ae98547be3526c46e3f29c28b1d6535711acc52d7d7311065f4de8f23b3",
            "28baf715c8c0d41470382f9f0278e15e3de348e9c047bf216f037c720a861a13"
        ),
        (
            ["--model", "linear"], "a63a1b48c0f6a539e1acce50697292dd8425a68cca91a3c18fcd358b241a3c9f",
            "87cdf562577d5ad9b44dbdf4b1575ad944ed6f598b353826d15419983fd7ab4e"
        ),
    ])
    func aSingleModelHashesAsBefore(model: [String], resume: String, extraction: String) throws {
        for arguments in [model, model + ["--ensemble", "1"]] {
            let c = try TrainingOverrides.parse(arguments).configuration()
            #expect(c.ensemble == nil && c.resumeHash == resume && c.extraction.hash == extraction, "\(arguments)")
        }
        let tiny = TinyDataset.configuration()
        #expect(tiny.resumeHash == "6a68b7e39b0eaa153a8a5f5d170c7e38391b98c71afc1ff7181f7a13f5a4f3c0")
    }

    /// Member 0 trains with the run's own settings; the others with seeds that differ from the
    /// run's, from each other and from the neighbouring seeds a `--seeds` list would use.
    @Test func membersHaveTheirOwnSeeds() throws {
        var c = try TrainingOverrides.parse(["--ensemble", "4", "--seed", "5"]).configuration()
        #expect(c.ensemble == 4 && c.memberCount == 4)
        let seeds = (0..<4).map { c.member($0).seed }
        #expect(seeds[0] == 5 && Set(seeds).count == 4 && !seeds.dropFirst().contains { (0...9).contains($0) })
        #expect((0..<4).allSatisfy { c.member($0).ensemble == nil })
        #expect(seeds == (0..<4).map { TrainingConfiguration.memberSeed($0, of: 5) })
        let first = c.member(0)
        c.ensemble = nil
        #expect(first == c, "the first member is the single model")
    }

    /// `ensemble` must be a positive number, on the command line and in a configuration file.
    @Test func aNonPositiveEnsembleIsRefusedByItsKey() throws {
        for value in ["0", "-2"] {
            #expect { try TrainingOverrides.parse(["--ensemble=\(value)"]).configuration() } throws: {
                ($0 as? ConfigurationError)?.key == "ensemble" && "\($0)" == "ensemble=\(value): must be positive"
            }
        }
        let directory = TemporaryDirectory()
        let yaml = directory.file("train.yaml")
        try "ensemble: 3\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect(try TrainingOverrides(yamlFile: yaml).configuration().ensemble == 3)
    }

    /// The linear baseline trains as an ensemble, with a warning: fitted to one optimum, its
    /// members are the same model up to rounding.
    @Test func aLinearEnsembleTrainsWithAWarning() throws {
        let dataset = try TinyDataset(tracksPerClass: 4)
        var c = TrainingConfiguration(model: .linear)
        (c.classes, c.segmenting, c.seed, c.ensemble) = (
            ["techno", "ambient", "noise"], try Segmenting(segmentSeconds: 0.5), 3, 2
        )
        let log = LogRecorder()
        var training = GenreTraining(configuration: c, output: dataset.directory.file("linear"), cache: dataset.cache)
        (training.progressStyle, training.logger) = (.quiet, log.logger())
        let manifest = try #require(try training.run(items: dataset.items, resume: false))
        #expect(manifest.members?.count == 2)
        #expect(log.messages(at: .warning).contains { $0.contains("members differ only by rounding") })
        let bundle = try ModelBundle(directory: dataset.directory.file("linear"))
        let probabilities = try Predictor(bundle: bundle).predict(dataset.items[0].url).probabilities
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-5)
    }
}
