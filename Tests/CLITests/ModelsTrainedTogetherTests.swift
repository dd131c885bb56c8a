import Foundation
import TestSupport
import Testing

/// `train genre --model cnn+linear`: both families trained on one split into OUT/cnn and
/// OUT/linear, each exactly as alone, and OUT used as one model by `evaluate` and `predict`.
@Suite(.serialized) struct ModelsTrainedTogetherTests: TrainingSuite {
    let directory = TemporaryDirectory()

    /// The small pooled network's options with `--model`, for one epoch.
    func trainModels(_ models: String, out: String, extra: [String] = []) throws -> CommandResult {
        try train(out, epochs: 1, model: Self.smallPooled + ["--model", models], extra: extra)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: directory.file(path)) }

    @Test func modelsTrainedTogetherAreEachTheModelAloneAndUsedAsOne() throws {
        try synthesize()
        let trained = try trainModels("cnn+linear", out: "models/t")
        try #require(trained.status == 0, "\(trained.stderr)")
        let last = trained.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("wrote models/t (cnn + linear used together: models/t/cnn, models/t/linear)"), "\(last)")
        #expect(trained.stdout.contains("wrote models/t/cnn (") && trained.stdout.contains("wrote models/t/linear ("))
        for alone in ["cnn", "linear"] {
            try #require(try trainModels(alone, out: "models/\(alone)").status == 0)
            let together = try bytes("models/t/\(alone)/model.safetensors")
            #expect(together == (try bytes("models/\(alone)/model.safetensors")), "\(alone) differs from its run alone")
        }

        let combination = try json(String(decoding: try bytes("models/t/combination.json"), as: UTF8.self))
        #expect(combination["members"] as? [String] == ["cnn", "linear"])
        for (split, key) in [("test", "test"), ("val", "validation")] {
            let recorded = try #require((combination[key] as? [String: Any])?["accuracy"] as? Double)
            let evaluated = try run(["evaluate", "--model", "models/t", "--split", split, "--json", "--quiet"])
            try #require(evaluated.status == 0, "\(evaluated.stderr)")
            let report = try json(evaluated.stdout)
            #expect(report["models"] as? [String] == ["models/t/cnn", "models/t/linear"])
            let tracks = try #require(report["tracks"] as? [String: Any])
            #expect(tracks["accuracy"] as? Double == recorded, "\(split)")
            let named = try run([
                "evaluate", "--model", "models/t/cnn", "--model", "models/t/linear", "--split", split, "--json",
                "--quiet",
            ])
            #expect(((try json(named.stdout))["tracks"] as? [String: Any])?["accuracy"] as? Double == recorded)
        }

        let clip = "\(data)/techno/techno.0000.wav"
        let predicted = try run(["predict", clip, "--model", "models/t", "--json"])
        try #require(predicted.status == 0, "\(predicted.stderr)")
        let model = try #require((try json(predicted.stdout))["model"] as? [String: Any])
        #expect(model["path"] as? String == "models/t/cnn + models/t/linear" && model["models"] as? Int == 2)
        let timeline = try run(["predict", clip, "--model", "models/t", "--timeline"])
        #expect(timeline.status != 0 && timeline.stderr.contains("--timeline shows one model's windows"))
        let compared = try run(["compare-bundles", "models/t", "models/cnn", "--max-relative-difference", "0"])
        #expect(compared.status != 0 && compared.stderr.contains("models/t: holds models used together"))

        // A single model trained over it replaces the list (asked for with --overwrite).
        let single = try trainModels("cnn", out: "models/t", extra: ["--overwrite"])
        try #require(single.status == 0, "\(single.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("models/t/combination.json").path))
        let alone = try run(["predict", clip, "--model", "models/t", "--json"])
        #expect(((try json(alone.stdout))["model"] as? [String: Any])?["models"] == nil, "\(alone.stdout)")
    }

    @Test func seedsGiveTheCombinationsMeanAndBadListsAreRefused() throws {
        try synthesize()
        let repeated = try trainModels("linear+cnn", out: "models/s", extra: ["--seeds", "1,2"])
        try #require(repeated.status == 0, "\(repeated.stderr)")
        for seed in [1, 2] {
            #expect(
                FileManager.default.fileExists(atPath: directory.file("models/s/seed-\(seed)/combination.json").path))
        }
        let summary = try json(String(decoding: try bytes("models/s/summary.json"), as: UTF8.self))
        let entries = try #require(summary["entries"] as? [[String: Any]])
        let combination = try json(String(decoding: try bytes("models/s/seed-2/combination.json"), as: UTF8.self))
        #expect(entries.count == 2)
        #expect(entries[1]["accuracy"] as? Double == (combination["test"] as? [String: Any])?["accuracy"] as? Double)
        #expect(repeated.stdout.contains("members' validation track accuracy"))

        let twice = try trainModels("cnn+cnn", out: "models/x")
        #expect(twice.status == 64 && twice.stderr.contains("names cnn twice"), "\(twice.stderr)")
        let unknown = try trainModels("cnn+rnn", out: "models/x")
        #expect(unknown.status == 64 && unknown.stderr.contains("'rnn' is not one of"), "\(unknown.stderr)")
    }

    @Test func aPipelineReportComparesAndPromotesModelsUsedTogether() throws {
        try synthesize()
        let options = (Self.smallPooled + ["--epochs", "1", "--cache", cache, "--overwrite", "--quiet"])
            .joined(separator: " ")
        let pipeline = """
            name: together
            output: runs/p
            steps:
              - name: together
                run: train genre \(data) --model cnn+linear --out runs/p/together \(options)
                outputs: [runs/p/together/combination.json]
            report:
              title: together
              compare:
                - {dataset: synth, model: cnn+linear, bundle: runs/p/together}
              best_of: synth
              best: models/best
              predict: [\(data)/noise/noise.0001.wav]
            """
        try Data(pipeline.utf8).write(to: directory.file("p.yaml"))
        let ran = try run(["run", "p.yaml"])
        try #require(ran.status == 0, "\(ran.stderr)")
        let combination = try json(String(decoding: try bytes("runs/p/together/combination.json"), as: UTF8.self))
        let accuracy = try #require((combination["test"] as? [String: Any])?["accuracy"] as? Double)
        let row = ran.stderr.split(separator: "\n").first { $0.hasPrefix("cnn+linear ") }
        #expect(row?.contains(String(format: "%.3f / ", accuracy)) == true, "\(ran.stderr)")
        let html = try String(contentsOf: directory.file("runs/p/report.html"), encoding: .utf8)
        #expect(html.contains("models used together (class probabilities averaged)"))
        #expect(html.contains("noise.0001.wav"), "the promoted models predicted the report's file")
        #expect(try bytes("models/best/combination.json") == (try bytes("runs/p/together/combination.json")))
        for member in ["cnn", "linear"] {
            #expect(
                try bytes("models/best/\(member)/model.safetensors")
                    == (try bytes("runs/p/together/\(member)/model.safetensors")))
        }
        let predicted = try run(["predict", "\(data)/techno/techno.0000.wav", "--model", "models/best", "--json"])
        #expect(predicted.status == 0 && predicted.stdout.contains("\"models\":2"), "\(predicted.stdout)")
    }
}
