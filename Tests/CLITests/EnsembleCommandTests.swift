import Foundation
import TestSupport
import Testing

/// `audiocls train genre --ensemble N`, and `evaluate` and `predict` on its bundle, run as a user
/// runs them on the suite's synthetic dataset (the paper's CVCNN made small).
@Suite(.serialized) struct EnsembleCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    private func file(_ path: String) throws -> Data { try Data(contentsOf: directory.file(path)) }

    /// An ensemble of 2 trains (notes naming each member), prints its figures with its members'
    /// validation accuracy, and `evaluate` and `predict` score it.
    @Test func anEnsembleTrainsEvaluatesAndPredicts() throws {
        try synthesize()
        let trained = try train("models/e", epochs: 2, extra: ["--ensemble", "2"])
        try #require(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.hasPrefix("wrote models/e (ensemble of 2; weights of epochs "), "\(trained.stdout)")
        #expect(trained.stdout.contains("validation track accuracy ") && trained.stdout.contains(" (members "))
        #expect(trained.stderr.contains("member 2/2: epoch 2/2 "), "\(trained.stderr)")
        #expect(trained.stderr.contains("progress: member 2/2: 120/120 samples "), "the bar names the member")
        #expect(FileManager.default.fileExists(atPath: directory.file("models/e/member-2/train-log.jsonl").path))
        let manifest = try json(String(decoding: try file("models/e/model.json"), as: UTF8.self))
        #expect(manifest["formatVersion"] as? Int == 4 && (manifest["members"] as? [Any])?.count == 2)

        let evaluated = try run(["evaluate", "--model", "models/e", "--json", "--cache", cache, "--quiet"])
        try #require(evaluated.status == 0, "\(evaluated.stderr)")
        let metrics = try json(evaluated.stdout)
        let stored = try #require((manifest["test"] as? [String: Any])?["tracksByMeanProbability"] as? [String: Any])
        let scored = try #require(metrics["tracksByMeanProbability"] as? [String: Any])
        #expect(NSDictionary(dictionary: scored).isEqual(to: stored), "evaluate scores the test tracks as training did")
        let predicted = try run(["predict", "\(data)/techno", "--model", "models/e", "--csv"])
        try #require(predicted.status == 0, "\(predicted.stderr)")
        let rows = predicted.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 9 && rows[0][3...5] == ["techno", "ambient", "noise"])
        for row in rows.dropFirst() {
            #expect(abs(row[3...5].compactMap(Double.init).reduce(0, +) - 1) < 1e-3)
        }
        let table = try run(["predict", "\(data)/techno/techno.0000.wav", "--model", "models/e"])
        #expect(table.stdout.hasPrefix("model models/e (id "), "\(table.stdout)")
        #expect(table.stdout.split(separator: "\n")[0].contains(", ensemble of 2): classes"))
    }

    /// A smaller ensemble into the folder of a larger one: `--resume` keeps the extra member's
    /// folder and warns; `--overwrite` removes it and says so.
    @Test func aSmallerEnsembleSettlesTheExtraMembersFolders() throws {
        try synthesize()
        try #require(try train("models/s", epochs: 1, extra: ["--ensemble", "2"]).status == 0)
        let resumed = try train("models/s", epochs: 1, extra: ["--ensemble", "1", "--resume"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("still holds member-2 from an earlier run"), "\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.file("models/s/member-2/train-log.jsonl").path))
        let replaced = try train("models/s", epochs: 1, extra: ["--ensemble", "1", "--overwrite"])
        try #require(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stderr.contains("removed member-2 of the earlier run"), "\(replaced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("models/s/member-2").path))
    }

    /// `--ensemble 1` is the single model: the same weights and the same model.json but for the
    /// command line it records.
    @Test func anEnsembleOfOneIsTheSingleModel() throws {
        try synthesize()
        try #require(try train("models/plain", epochs: 1).status == 0)
        let one = try train("models/one", epochs: 1, extra: ["--ensemble", "1"])
        try #require(one.status == 0, "\(one.stderr)")
        #expect(try file("models/one/model.safetensors") == file("models/plain/model.safetensors"))
        var (plain, single) = (
            try json(String(decoding: try file("models/plain/model.json"), as: UTF8.self)),
            try json(String(decoding: try file("models/one/model.json"), as: UTF8.self))
        )
        #expect((single["commandLine"] as? [String])?.suffix(2) == ["--ensemble", "1"])
        (plain["commandLine"], single["commandLine"]) = (nil, nil)
        #expect(NSDictionary(dictionary: plain).isEqual(to: single))
        #expect(!FileManager.default.fileExists(atPath: directory.file("models/one/member-2").path))
    }

    /// `--resume` continues every member: a run of 2 epochs grown to 4 (constant rate), and a
    /// single model's run grown into an ensemble, each write what the uninterrupted run writes.
    @Test func resumeContinuesEveryMember() throws {
        try synthesize()
        let constant = ["--schedule", "constant", "--ensemble", "2"]
        try #require(try train("models/u", epochs: 4, extra: constant).status == 0)
        try #require(try train("models/r", epochs: 2, extra: constant).status == 0)
        let resumed = try train("models/r", epochs: 4, extra: constant + ["--resume"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        #expect(try file("models/r/model.safetensors") == file("models/u/model.safetensors"))
        let log = try String(decoding: file("models/r/member-2/train-log.jsonl"), as: UTF8.self)
        #expect(log.split(separator: "\n").count == 4, "one log line per epoch, none repeated")

        try #require(try train("models/g", epochs: 4, extra: ["--schedule", "constant"]).status == 0)
        let grown = try train("models/g", epochs: 4, extra: constant + ["--resume"])
        try #require(grown.status == 0, "\(grown.stderr)")
        #expect(try file("models/g/model.safetensors") == file("models/u/model.safetensors"))
    }

    /// With `--seeds`, each seed's run is an ensemble; the summary adds the members' validation
    /// accuracy.
    @Test func eachSeedTrainsAnEnsemble() throws {
        try synthesize()
        let result = try train("models/s", epochs: 1, extra: ["--seeds", "1,2", "--ensemble", "2"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("members' validation track accuracy "), "\(result.stdout)")
        let summary = try json(String(decoding: try file("models/s/summary.json"), as: UTF8.self))
        let entries = try #require(summary["entries"] as? [[String: Any]])
        #expect(entries.count == 2 && entries.allSatisfy { $0["memberValidationAccuracy"] is Double })
        for seed in [1, 2] {
            #expect(FileManager.default.fileExists(atPath: directory.file("models/s/seed-\(seed)/member-2").path))
        }
    }

    /// A size that is not a positive integer is a usage error naming `--ensemble` (exit status 64),
    /// and so is `ensemble: 0` in a configuration file, named by its key and the file.
    @Test func aBadEnsembleSizeIsAUsageError() throws {
        for (value, message) in [
            ("0", "--ensemble 0: must be positive"), ("-2", "--ensemble -2: must be positive"),
            ("two", "--ensemble"),
        ] {
            let result = try run(["train", "genre", data, "--ensemble=\(value)", "--out", "models/x"])
            #expect(result.status == 64 && result.stderr.contains(message), "\(value): \(result.stderr)")
        }
        try "ensemble: 0\n".write(to: directory.file("train.yaml"), atomically: true, encoding: .utf8)
        let file = try run(["train", "genre", data, "--config", "train.yaml", "--out", "models/x"])
        #expect(
            file.status == 64 && file.stderr.contains("ensemble: 0 in train.yaml: must be positive"), "\(file.stderr)")
    }
}
