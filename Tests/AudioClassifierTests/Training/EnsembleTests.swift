import ComplexNN
import Foundation
import Logging
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import Evaluation
@testable import Inference
@testable import Models
@testable import Pipelines
@testable import Training

/// A 3-member ensemble and the single model of the same seed, trained once for the suite on the
/// tiny dataset (the paper's CVCNN made small, 2 epochs).
private final class TrainedEnsemble: @unchecked Sendable {
    let dataset: TinyDataset
    let configuration: TrainingConfiguration
    let single: URL, ensemble: URL
    /// What the ensemble's training logged.
    let log = LogRecorder()

    init() throws {
        dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 2)
        c.ensemble = 3
        configuration = c
        (single, ensemble) = (dataset.directory.file("single"), dataset.directory.file("ensemble"))
        c.ensemble = nil
        try train(c, into: single)
        try train(configuration, into: ensemble, log: log)
    }

    /// Trains `c` into `directory` (notes to `log`, when given).
    @discardableResult
    func train(_ c: TrainingConfiguration, into directory: URL, log: LogRecorder = LogRecorder()) throws
        -> BundleManifest
    { try dataset.trainBundle(c, into: directory, log: log) }

    /// The bundle's `model.json` as a JSON object.
    func object(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(ModelBundle.manifestName))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

@Suite(.serialized) struct EnsembleTests {
    private static let trained = Result { try TrainedEnsemble() }

    private func trained() throws -> TrainedEnsemble { try Self.trained.get() }

    /// Member 1 is the single model of the run's seed, bit for bit; the other two differ from it
    /// and from each other; the bundle records the one split, the single model's.
    @Test func theFirstMemberIsTheSingleModelAndTheOthersDiffer() throws {
        let t = try trained()
        let ensemble = try ModelBundle(directory: t.ensemble), single = try ModelBundle(directory: t.single)
        let digests = ensemble.members.map(stateDigest)
        #expect(digests.count == 3 && Set(digests).count == 3, "three different networks")
        #expect(digests[0] == stateDigest(single.members[0]))
        #expect(ensemble.manifest.split == single.manifest.split)
        #expect(ensemble.manifest.members?.map(\.seed) == (0..<3).map { t.configuration.member($0).seed })
    }

    /// Every member trains on the split of the run's seed, not on the one its own seed would
    /// draw: member 3 is what a trainer with member 3's settings trains on the run's data.
    @Test func everyMemberTrainsOnTheRunsSplit() throws {
        let t = try trained()
        let c = t.configuration, member = c.member(2)
        let data = try t.dataset.data(c)
        #expect(
            try t.dataset.data(member).items.map(\.split) != data.items.map(\.split),
            "member 3's own seed draws another split")
        var trainer = Trainer(
            configuration: member, data: data,
            architecture: try c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3),
            directory: t.dataset.directory.file("member-3-alone"))
        trainer.progressStyle = .quiet
        let alone = try trainer.run(resume: false)
        #expect(stateDigest(alone.model) == stateDigest(try ModelBundle(directory: t.ensemble).members[2]))
    }

    /// Prediction and evaluation score the mean of the members' probabilities: what averaging
    /// single-member bundles with the same weights gives (to float rounding: the two sum the
    /// windows and the members in different orders), and the figures stored at training time.
    @Test func anEnsembleScoresTheMeanOfItsMembers() throws {
        let t = try trained()
        let ensemble = try ModelBundle(directory: t.ensemble)
        let singles = try ensemble.members.enumerated().map { k, member in
            var manifest = ensemble.manifest
            (manifest.training.ensemble, manifest.members) = (nil, nil)
            let folder = t.dataset.directory.file("alone-\(k)")
            try ModelBundle.write(members: [member], manifest: manifest, to: folder)
            return try ModelBundle(directory: folder)
        }
        let tracks = BundleEvaluation.savedTestTracks(ensemble)
        for track in tracks.prefix(2) {
            let each = try singles.map { try Predictor(bundle: $0).predict(track.url).probabilities }
            let mean = (0..<3).map { c in each.reduce(0) { $0 + $1[c] } / 3 }
            let predicted = try Predictor(bundle: ensemble).predict(track.url).probabilities
            expectClose(predicted, mean, rtol: 1e-6, atol: 1e-7, "\(track.path)")
        }
        let quiet = ProgressReporter(total: 0, style: .quiet)
        let evaluation = try BundleEvaluation.evaluate(ensemble, items: tracks, cache: t.dataset.cache, progress: quiet)
        #expect(evaluation.segments == ensemble.manifest.test?.segments)
        #expect(evaluation.tracksByMeanProbability == ensemble.manifest.test?.tracksByMeanProbability)
        for (single, member) in zip(singles, try #require(ensemble.manifest.members)) {
            let alone = try BundleEvaluation.evaluate(single, items: tracks, cache: t.dataset.cache, progress: quiet)
            #expect(alone.segments == member.test?.segments)
        }
    }

    /// Training names each member in its notes and ends with the members' validation figures in
    /// the bundle; two runs with the same seed write the same bundle.
    @Test func membersAreNamedAndTheSameSeedTrainsTheSameEnsemble() throws {
        let t = try trained()
        let notes = t.log.messages(at: .info)
        #expect(notes.contains { $0.hasPrefix("member 1/3: epoch 2/2 ") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("member 3/3: seed \(t.configuration.member(2).seed), ") })
        let manifest = try ModelBundle(directory: t.ensemble).manifest
        #expect(manifest.memberValidationAccuracies?.count == 3 && manifest.keptEpochsText.hasPrefix("epochs "))
        let again = t.dataset.directory.file("again")
        try t.train(t.configuration, into: again)
        for name in [ModelBundle.weightsName, ModelBundle.manifestName] {
            #expect(
                try Data(contentsOf: again.appendingPathComponent(name))
                    == Data(contentsOf: t.ensemble.appendingPathComponent(name)), "\(name)")
        }
    }

    /// Format 4: `training.ensemble`, one `members` entry per network, every tensor of member k
    /// under `members.k.`; written again, the bundle is the same. A single model stays format 3
    /// without either key.
    @Test func format4RoundTripsAndSingleModelsStayFormat3() throws {
        let t = try trained()
        let loaded = try ModelBundle(directory: t.ensemble)
        let json = try t.object(t.ensemble)
        #expect(json["formatVersion"] as? Int == 4)
        #expect((json["training"] as? [String: Any])?["ensemble"] as? Int == 3)
        #expect((json["members"] as? [[String: Any]])?.count == 3)
        let weights = t.ensemble.appendingPathComponent(ModelBundle.weightsName)
        let names = try SafeTensorsFile.read(weights).tensors.keys
        let expected = loaded.members.indices.flatMap { k in
            loaded.members[k].namedState().map { "members.\(k).\($0.name)" }
        }
        #expect(Set(names) == Set(expected) && names.count == expected.count)
        let copy = TemporaryDirectory()
        try ModelBundle.write(members: loaded.members, manifest: loaded.manifest, to: copy.url)
        #expect(try Data(contentsOf: copy.file(ModelBundle.weightsName)) == Data(contentsOf: weights))
        let encoder = JSONEncoder.sortedKeys
        #expect(try encoder.encode(ModelBundle(directory: copy.url).manifest) == encoder.encode(loaded.manifest))
        let single = try t.object(t.single)
        #expect(single["formatVersion"] as? Int == 3 && single["members"] == nil)
        #expect((single["training"] as? [String: Any])?["ensemble"] == nil)
    }

    /// An ensemble's manifest must agree with itself and with its weights.
    @Test func anInconsistentEnsembleIsRejected() throws {
        let t = try trained()
        let folders = TemporaryDirectory()
        func damaged(_ name: String, _ edit: @escaping (inout [String: Any]) -> Void) throws -> URL {
            try BundleEdits.copy(t.ensemble, to: folders.file(name)) { try BundleEdits.editManifest($0, edit) }
        }
        let manifest = ModelBundle.manifestName
        let fewer = try damaged("fewer") { $0["members"] = Array(($0["members"] as! [Any]).prefix(2)) }
        BundleEdits.expectRejected(fewer, file: manifest, "2 members listed but training.ensemble is 3")
        let format3 = try damaged("format3") { $0["formatVersion"] = 3 }
        BundleEdits.expectRejected(format3, file: manifest, "ensembles are format 4")
        let unlisted = try damaged("unlisted") { $0["members"] = nil }
        BundleEdits.expectRejected(unlisted, file: manifest, "training.ensemble is 3 but no members are listed")
        let seed = try damaged("seed") {
            var members = $0["members"] as! [[String: Any]]
            members[1]["seed"] = 5
            $0["members"] = members
        }
        BundleEdits.expectRejected(seed, file: manifest, "member 2's seed 5 is not the one derived from seed 7")
        let weights = ModelBundle.weightsName
        let original = try SafeTensorsFile.read(t.ensemble.appendingPathComponent(weights))
        func rewritten(_ name: String, _ edit: @escaping (inout SafeTensorsFile) -> Void) throws -> URL {
            try BundleEdits.copy(t.ensemble, to: folders.file(name)) { folder in
                var file = original
                edit(&file)
                try BundleEdits.replaceWeights(folder, with: file.encode())
            }
        }
        let missing = try rewritten("missing") { $0.tensors["members.1.conv2.weight"] = nil }
        BundleEdits.expectRejected(missing, file: weights, "no values for 'members.1.conv2.weight'")
        let extra = try rewritten("extra") { $0.tensors["members.3.fc2.bias"] = $0.tensors["members.2.fc2.bias"] }
        BundleEdits.expectRejected(extra, file: weights, "'members.3.fc2.bias'")
    }

    /// `audiocls run`'s report sums the training time of every member and draws the first
    /// member's learning curves.
    @Test func theReportCountsEveryMembersTrainingTime() throws {
        let t = try trained()
        let run = try PipelineReport.Run(t.ensemble)
        #expect(run.memberLogs.map(\.count) == [2, 2, 2])
        let logs = (0..<3).flatMap { k in
            EpochRecord.read(
                GenreTraining.memberDirectory(k, in: t.ensemble).appendingPathComponent("train-log.jsonl"))
        }
        #expect(run.trainSeconds == logs.reduce(0) { $0 + $1.seconds } && logs.count == 6)
        #expect(run.log.map(\.epoch) == [1, 2] && run.trainSeconds > run.log.reduce(0) { $0 + $1.seconds })
        #expect(GenreTraining.memberDirectory(2, in: t.ensemble).lastPathComponent == "member-3")
    }
}
