import Foundation
import TestSupport
import Testing

/// Results a user can trust (issue 15): evaluation never scores training data unless asked,
/// bundles are never overwritten by accident, predictions say which model answered and how
/// familiar the input is, and defaults work from any folder. Tiny models (1–2 epochs, 0.5 s
/// segments) on a synthetic dataset the binary generates.
@Suite(.serialized) struct TrustCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    /// 5 s of digital silence as 16-bit WAV.
    func silence() throws -> URL {
        let url = directory.file("silence.wav")
        try WAVBytes.pcm16([Float](repeating: 0, count: 5 * 22050), sampleRate: 22050).write(to: url)
        return url
    }

    // MARK: - evaluate

    @Test func evaluateScoresOnlyUnseenTracksAndSaysWhatItLeftOut() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 2).status == 0)
        let text = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        try #require(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains("scored 6 tracks (split test); excluded 18: train 15, validation 3"), "\(text.stdout)")

        // The dataset given again: its training and validation tracks are recognised and left out,
        // and so are the classes the model does not know.
        let dataset = try json(
            try run(["evaluate", data, "--model", "models/m", "--cache", cache, "--quiet", "--json"]).stdout)
        let selection = try #require(dataset["selection"] as? [String: Any])
        #expect(selection["scored"] as? Int == 6 && selection["matchedBy"] as? String == "contentHash")
        #expect((selection["excluded"] as? [String: Int]) == ["train": 15, "validation": 3, "unknown label": 16])

        // --split val: the 3 validation tracks, nothing else.
        let validation = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet", "--split", "val"])
        #expect(
            validation.stdout.contains("scored 3 tracks (split val); excluded 21: test 6, train 15"),
            "\(validation.stdout)")

        // Moved: the saved split cannot be found, the moved folder is recognised by content.
        try FileManager.default.moveItem(atPath: data, toPath: directory.file("moved").path)
        let lost = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        #expect(lost.status != 0 && lost.stderr.contains("if the dataset moved, name it"), "\(lost.stderr)")
        let moved = try run(["evaluate", "moved", "--model", "models/m", "--cache", cache, "--quiet"])
        #expect(moved.stdout.contains("scored 6 tracks (split test); excluded 34"), "\(moved.stdout)")

        let all = try run(["evaluate", "moved", "--model", "models/m", "--cache", cache, "--quiet", "--split", "all"])
        #expect(all.stdout.contains("scored 24 tracks (split all)"), "\(all.stdout)")
        #expect(all.stderr.contains("warning: --split all scores tracks the model trained"))
        let train = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet", "--split", "train"])
        #expect(train.status != 0 && train.stderr.contains("if the dataset moved"), "the recorded tracks moved too")
    }

    @Test func aManifestSplitColumnIsHonouredForTracksTheModelNeverSaw() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        // folk and chiptune tracks are unknown to the model; relabel two as techno, one marked train.
        let csv = "path,label,split\nfolk/folk.0000.wav,techno,test\nfolk/folk.0001.wav,techno,train\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: data).appendingPathComponent("other.csv"))
        let result = try run(["evaluate", "\(data)/other.csv", "--model", "models/m", "--cache", cache, "--quiet"])
        #expect(result.stdout.contains("scored 1 tracks (split test); excluded 1: train 1"), "\(result.stdout)")
    }

    /// An SVG that cannot be written (a read-only model folder, a missing folder) fails after
    /// the metrics are printed, with the path and the reason.
    @Test func anUnwritableSVGStillPrintsTheMetrics() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        let missing = try run([
            "evaluate", "--model", "models/m", "--cache", cache, "--quiet", "--svg", "no/such/c.svg",
        ])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("track accuracy (mean prob.)"), "the metrics come first")
        #expect(missing.stderr.contains("no/such/c.svg") && missing.stderr.contains("No such file or directory"))
        #expect(missing.stderr.contains("--svg PATH") && !missing.stderr.contains("NSCocoaErrorDomain"))

        let folder = directory.file("models/m").path
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        guard access(folder, W_OK) != 0 else { return }  // root writes anyway
        let readOnly = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        #expect(readOnly.status == 1 && readOnly.stdout.contains("track accuracy (mean prob.)"))
        #expect(readOnly.stderr.contains("confusion.svg") && readOnly.stderr.contains("Permission denied"))
    }

    // MARK: - train

    @Test func trainNeverOverwritesOrWritesThroughALink() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        let weights = try Data(contentsOf: directory.file("models/m/model.safetensors"))
        let again = try train("models/m", epochs: 1, extra: ["--seed", "2"])
        #expect(again.status == 64 && again.stderr.contains("--out models/m already holds files"), "\(again.stderr)")
        #expect(try Data(contentsOf: directory.file("models/m/model.safetensors")) == weights)
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("models/default").path, withDestinationPath: "m")
        let linked = try train("models/default", epochs: 1, extra: ["--overwrite"])
        #expect(linked.status == 64 && linked.stderr.contains("is a symbolic link (to m)"), "\(linked.stderr)")
        let replaced = try train("models/m", epochs: 1, extra: ["--overwrite", "--seed", "2"])
        #expect(replaced.status == 0, "\(replaced.stderr)")

        // Without --out: a new folder in the models folder (./models here), named for model,
        // feature and time; elsewhere under $AUDIOCLS_HOME/models.
        let fresh = try run(["train", "genre", data, "--epochs", "1", "--cache", cache] + Self.small)
        try #require(fresh.status == 0, "\(fresh.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: directory.file("models").path)
        #expect(made.contains { $0.hasPrefix("cvcnn-mfcc-2") }, "\(made)")
        let elsewhere = directory.file("elsewhere"), home = directory.file("home").path
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let away = try CommandRunner.run(
            ["train", "genre", data, "--epochs", "1", "--cache", cache] + Self.small, currentDirectory: elsewhere,
            environment: ["AUDIOCLS_HOME": home])
        try #require(away.status == 0, "\(away.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home + "/models").count == 1)
    }

    // MARK: - predict

    @Test func predictNamesTheModelFlagsUnfamiliarInputAndScoresEveryWindow() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 2).status == 0)
        let track = "\(data)/techno/techno.0001.wav"
        let table = try run(["predict", track, try silence().path, "--model", "models/m", "--top-k", "2"])
        try #require(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("model models/m (id "), "\(table.stdout)")
        #expect(table.stdout.contains("classes techno, ambient, noise; trained on data (24 tracks), test accuracy"))
        #expect(table.stdout.contains("AUDIO_SECONDS") && table.stdout.contains("ELAPSED_MS"))
        #expect(table.stdout.contains("TOP-2"))
        #expect(table.stdout.contains("silence.wav is unlike the training data"), "\(table.stdout)")
        #expect(!table.stdout.contains("techno.0001.wav is unlike"), "\(table.stdout)")

        let line = try json(
            try run(["predict", track, "--model", "models/m", "--json", "--timeline", "--min-confidence", "1"]).stdout)
        #expect(line["label"] as? String == "unknown", "nothing is 100% sure")
        #expect(line["audio_seconds"] as? Double == 2 && line["elapsed_ms"] != nil)
        let model = try #require(line["model"] as? [String: Any])
        #expect(model["path"] as? String == "models/m" && (model["id"] as? String)?.count == 8)
        #expect(model["dataset"] as? String == "data" && model["tracks"] as? Int == 24)
        let timeline = try #require(line["timeline"] as? [[String: Any]])
        // 2 s: 87 frames; 21-frame windows every 10 frames at 0…60, and one ending at frame 87.
        #expect(timeline.count == 8 && timeline.last?["end"] as? Double == 2, "windows reach the end: \(timeline)")
        #expect((line["out_of_distribution"] as? [String: Any])?["unlike"] as? Bool == false)

        let piped = try run(
            ["predict", "-", "--model", "models/m", "--csv"], input: try Data(contentsOf: URL(fileURLWithPath: track)))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.split(separator: "\n").last?.hasPrefix("-,") == true, "\(piped.stdout)")
    }

    // MARK: - locations, model.json

    @Test func defaultsWorkFromAnyFolder() throws {
        try synthesize()
        let home = directory.file("home").path
        try #require(try train(home + "/models/default", epochs: 1).status == 0)
        let elsewhere = directory.file("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let environment = ["AUDIOCLS_HOME": home]
        let predicted = try CommandRunner.run(
            ["predict", "\(data)/noise/noise.0000.wav"], currentDirectory: elsewhere, environment: environment)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let evaluated = try CommandRunner.run(
            ["evaluate", "--quiet", "--svg", directory.file("c.svg").path], currentDirectory: elsewhere,
            environment: environment)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("data").path))
        #expect(FileManager.default.fileExists(atPath: home + "/cache"))
    }

    @Test func modelJSONHasPlainKeysAndTheRealCommand() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        let manifest = try json(try String(contentsOf: directory.file("models/m/model.json"), encoding: .utf8))
        #expect(manifest["formatVersion"] as? Int == 3)
        #expect(
            ["feature", "extraction", "segmenting", "seed"].filter { manifest[$0] != nil } == [], "only in training")
        let architecture = try #require(manifest["architecture"] as? [String: Any])
        #expect(architecture["family"] as? String == "cvcnn" && architecture["firstChannels"] as? Int == 4)
        let training = try #require(manifest["training"] as? [String: Any])
        #expect((training["architecture"] as? [String: Any])?["graph"] == nil, "no gnn block in a cvcnn bundle")
        let command = try #require(manifest["commandLine"] as? [String])
        #expect(Array(command.prefix(3)) == ["audiocls", "train", "genre"])
        let track = try #require((manifest["split"] as? [[String: Any]])?.first)
        #expect((track["contentHash"] as? String)?.count == 64 && !(track["path"] as? String ?? "/").hasPrefix("/"))
        #expect((manifest["dataset"] as? [String: Any])?["name"] as? String == "data")
    }

    @Test func aFormat1BundleStillLoadsPredictsAndEvaluatesByPath() throws {
        try synthesize()
        let bundle = Fixtures.url("bundles/format1").path
        let predicted = try run(["predict", "\(data)/techno/techno.0000.wav", "--model", bundle, "--json"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let evaluated = try run(["evaluate", data, "--model", bundle, "--cache", cache, "--quiet"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stderr.contains("records no content hashes: tracks are matched by path"))
        #expect(evaluated.stdout.contains("scored 16 tracks"), "its recorded paths are elsewhere: all unseen")
    }
}
