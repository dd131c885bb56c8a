import Foundation
import TestSupport
import Testing

/// `audiocls train genre`, `evaluate` and `predict`, run as a user runs them on a synthetic
/// dataset that the binary itself generates: 3 classes × 8 tracks × 2 s, 0.5 s segments, a
/// small CVCNN (widths 4/6/16), 4 epochs — a few seconds in a debug build.
@Suite(.serialized) struct TrainCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    /// Trains, evaluates and predicts; the model learns (test tracks well above the 1/3 chance
    /// level), the cache is shared, and a resumed run writes the same weights.
    @Test func trainEvaluatePredictAndResume() throws {
        try synthesize()
        // A constant rate, so that the resumed run below may grow its epochs.
        let trained = try train("models/m", epochs: 4, extra: ["--schedule", "constant"])
        try #require(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("wrote models/m"))
        #expect(trained.stderr.contains("24 files extracted"))
        let log = try String(contentsOf: directory.file("models/m/train-log.jsonl"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 4)

        let evaluated = try run(["evaluate", "--model", "models/m", "--json", "--cache", cache, "--quiet"])
        try #require(evaluated.status == 0, "\(evaluated.stderr)")
        let metrics = try json(evaluated.stdout)
        let tracks = try #require(metrics["tracksByMeanProbability"] as? [String: Any])
        let segments = try #require(metrics["segments"] as? [String: Any])
        #expect(
            (tracks["accuracy"] as? Double ?? 0) >= 0.8,
            "6 test tracks, chance 1/3 (seeds 1–5 give 5/6 to 6/6): \(tracks)")
        #expect(
            (segments["accuracy"] as? Double ?? 0) >= 0.75, "24 test segments (seeds 1–5: 0.92 to 1.0): \(segments)")
        #expect(FileManager.default.fileExists(atPath: directory.file("models/m/confusion.svg").path))
        let table = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        #expect(table.stdout.contains("track accuracy (majority)") && table.stdout.contains("TRUE \\ PRED"))

        let predicted = try run(["predict", "\(data)/techno", "--model", "models/m", "--csv"])
        try #require(predicted.status == 0, "\(predicted.stderr)")
        let rows = predicted.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(
            rows.first
                == [
                    "path", "label", "confidence", "techno", "ambient", "noise", "ood_score", "unlike_training",
                    "windows", "audio_seconds", "elapsed_ms", "model", "model_id", "model_dataset", "model_tracks",
                    "model_test_accuracy",
                ])
        #expect(rows.count == 9)
        for row in rows.dropFirst() {
            let sum = row[3...5].compactMap(Double.init).reduce(0, +)
            // 2 s: 87 frames; 21-frame windows every 10 frames at 0…60, and one ending at frame 87.
            #expect(abs(sum - 1) < 1e-3 && row[8] == "8" && row[9] == "2.000", "2 s in 0.5 s windows every 0.25 s")
            #expect(row[11] == "models/m" && row[12].count == 8 && row[13] == "data" && row[14] == "24")
        }
        #expect(rows.dropFirst().filter { $0[1] == "techno" }.count >= 6, "most techno tracks are recognised")

        // The cache is shared: a second run extracts nothing.
        let interrupted = try train("models/r", epochs: 2, extra: ["--schedule", "constant"])
        #expect(interrupted.stderr.contains("0 files extracted"))
        let resumed = try train("models/r", epochs: 4, extra: ["--schedule", "constant", "--resume"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        let weights = { (name: String) in try Data(contentsOf: self.directory.file("models/\(name)/model.safetensors"))
        }
        #expect(try weights("r") == weights("m"), "resumed run = uninterrupted run, bit for bit")
    }

    /// The phase-edge GNN trains through the same command on the complex phase-MFCC input, its
    /// bundle reloads for evaluate and predict, and a real input with phase edges is refused.
    @Test func graphNetworkTrainsEvaluatesAndPredicts() throws {
        try synthesize()
        let gnn = [
            "--model", "gnn", "--features", "phase-mfcc", "--edges", "complex", "--graph-hidden", "8",
            "--optimizer", "adam", "--lr", "0.01",
        ]
        let trained = try train("models/g", epochs: 2, extra: gnn)
        try #require(trained.status == 0, "\(trained.stderr)")
        let manifest = try json(String(contentsOf: directory.file("models/g/model.json"), encoding: .utf8))
        #expect("\(manifest["architecture"] ?? "")".contains("gnn"))
        let evaluated = try run(["evaluate", "--model", "models/g", "--json", "--cache", cache, "--quiet"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let predicted = try run(["predict", "\(data)/noise", "--model", "models/g", "--csv"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        #expect(predicted.stdout.split(separator: "\n").count == 9)

        let refused = try train("models/x", epochs: 1, extra: ["--model", "gnn", "--features", "mfcc"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("use --features phase-mfcc, or --edges none"), "\(refused.stderr)")
    }

    /// A run killed (SIGKILL) after its first checkpoint and resumed gives the same bundle weights
    /// as the same run uninterrupted — with the default network (dropout), schedule and recipe.
    @Test func killedRunResumesToTheUninterruptedResult() throws {
        try synthesize()
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.currentDirectoryURL = directory.url
        process.arguments =
            ["train", "genre", data, "--epochs", "8", "--out", "models/k", "--cache", cache] + Self.smallPooled
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let checkpoint = directory.file("models/k/checkpoints/last.safetensors").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(FileManager.default.fileExists(atPath: checkpoint), "no checkpoint before the kill")
        #expect(process.terminationReason == .uncaughtSignal, "killed before it finished")
        let resumed = try train("models/k", epochs: 8, model: Self.smallPooled, extra: ["--resume"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        try #require(try train("models/u", epochs: 8, model: Self.smallPooled).status == 0)
        let weights = { (name: String) in try Data(contentsOf: self.directory.file("models/\(name)/model.safetensors"))
        }
        #expect(try weights("k") == weights("u"))
        let log = try String(contentsOf: directory.file("models/k/train-log.jsonl"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 8, "one log line per epoch, none repeated")
    }

    /// `--folds 3`: three runs, each testing on a third of the tracks (none twice), into
    /// OUT/fold-K-seed-S, with the mean ± sd printed and written to OUT/summary.json.
    @Test func foldsTrainOneBundlePerFoldAndSummarise() throws {
        try synthesize()
        let result = try train("models/cv", epochs: 1, extra: ["--folds", "3", "--test", "0"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("mean ± sd over 3 runs"), "\(result.stdout)")
        #expect(result.stdout.contains("validation track accuracy"), "\(result.stdout)")
        let summary = try json(
            String(decoding: try Data(contentsOf: directory.file("models/cv/summary.json")), as: UTF8.self))
        let entries = try #require(summary["entries"] as? [[String: Any]])
        #expect(entries.map { $0["run"] as? String } == ["fold-1-seed-1", "fold-2-seed-1", "fold-3-seed-1"])
        #expect(entries.compactMap { $0["testTracks"] as? Int }.reduce(0, +) == 24, "every track tested once")
        #expect(entries.allSatisfy { $0["validationAccuracy"] is Double }, "each run's validation figure is kept")
        for name in ["fold-1-seed-1", "fold-2-seed-1", "fold-3-seed-1"] {
            #expect(FileManager.default.fileExists(atPath: directory.file("models/cv/\(name)/model.json").path))
        }
    }

    /// `--distributed mpi` in the default build (no `MPI` trait) is refused before any work.
    @Test func mpiNeedsTheTrait() throws {
        let result = try run(["train", "genre", data, "--distributed", "mpi"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("built without MPI; build with `swift build --traits MPI`"), "\(result.stderr)")
    }

    /// `--batch-slices 2` is recorded in the bundle; `compare-bundles` passes a bundle against
    /// itself (difference 0) and fails, naming both, beyond its tolerance.
    @Test func batchSlicesAndBundleComparison() throws {
        try synthesize()
        for (out, extra) in [("models/a", [String]()), ("models/b", ["--batch-slices", "2"])] {
            let trained = try train(out, epochs: 1, extra: extra)
            try #require(trained.status == 0, "\(trained.stderr)")
        }
        let manifest = try json(String(contentsOf: directory.file("models/b/model.json"), encoding: .utf8))
        #expect((manifest["training"] as? [String: Any])?["batchSlices"] as? Int == 2)
        let same = try run(["compare-bundles", "models/a", "models/a", "--max-relative-difference", "0"])
        #expect(same.status == 0 && same.stdout.hasPrefix("weights: max relative difference 0 "), "\(same.stdout)")
        let other = try run(["compare-bundles", "models/a", "models/b", "--max-relative-difference", "1e-9"])
        #expect(other.status != 0 && other.stderr.contains("models/b differs from models/a"), "\(other.stderr)")
    }

    @Test func predictReportsUnreadableFilesAndContinues() throws {
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        try Data("not audio".utf8).write(to: directory.file("junk.wav"))
        let good = "\(data)/noise/noise.0000.wav"
        let result = try run(["predict", good, "junk.wav", "missing.wav", "--model", "models/m", "--json"])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 1 && result.stdout.contains(good))
        #expect(result.stderr.contains("junk.wav:") && result.stderr.contains("missing.wav:"))
    }

    @Test func missingOrTamperedModelIsExplained() throws {
        let missing = try run(["predict", "x.wav"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("models/default") && missing.stderr.contains("audiocls train genre"))
        try synthesize()
        try #require(try train("models/m", epochs: 1).status == 0)
        let url = directory.file("models/m/model.safetensors")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: url)
        let tampered = try run(["evaluate", "--model", "models/m", "--cache", cache])
        #expect(tampered.status != 0)
        #expect(tampered.stderr.contains("model.safetensors") && tampered.stderr.contains("SHA-256"))
    }

    @Test func badManifestFailsWithLineNumbers() throws {
        try synthesize()
        let manifest = directory.file("bad.csv")
        try
            "path,label,split\ntechno/techno.0000.wav,techno,train\nnope.wav,techno,train\nambient/ambient.0000.wav,ambient,later\n"
            .write(to: manifest, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: directory.file("data/techno"), to: directory.file("techno"))
        try FileManager.default.copyItem(at: directory.file("data/ambient"), to: directory.file("ambient"))
        let result = try run(["train", "genre", manifest.path, "--out", "models/x", "--cache", cache, "--quiet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.csv:3: file not found: nope.wav"))
        #expect(result.stderr.contains("bad.csv:4: unknown split 'later'"))
    }

    @Test func manifestSplitColumnIsUsed() throws {
        try synthesize()
        var lines = ["path,label,split"]
        for label in ["techno", "noise"] {
            for track in 0..<4 {
                let name = String(format: "%@/%@.%04d", label, label, track)
                let file = try FileManager.default.contentsOfDirectory(atPath: "\(data)/\(label)").first {
                    $0.hasPrefix(String(name.split(separator: "/")[1]))
                }!
                lines.append("\(label)/\(file),\(label),\(track == 3 ? "test" : track == 2 ? "val" : "train")")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(
            to: directory.file("data/split.csv"), atomically: true, encoding: .utf8)
        let result = try run(
            ["train", "genre", "\(data)/split.csv", "--epochs", "1", "--out", "models/s", "--cache", cache]
                + Self.small.filter { $0 != "techno,ambient,noise" && $0 != "--classes" })
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("tracks train/val/test 4/2/2"))
        let manifest = try json(String(contentsOf: directory.file("models/s/model.json"), encoding: .utf8))
        let split = try #require(manifest["split"] as? [[String: Any]])
        #expect(
            split.filter { $0["split"] as? String == "test" }.compactMap { $0["relativePath"] as? String }.allSatisfy {
                $0.contains(".0003.")
            })
    }
}
