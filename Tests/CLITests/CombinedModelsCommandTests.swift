import Foundation
import TestSupport
import Testing

/// `evaluate` and `predict` with `--model` given twice, run as a user runs them: a small paper
/// CVCNN on MFCC and the default pooled network on its own feature, trained on the same split.
@Suite(.serialized) struct CombinedModelsCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    @Test func twoModelsAreEvaluatedAndPredictedTogether() throws {
        try synthesize()
        try #require(try train("models/a", epochs: 1).status == 0)
        try #require(try train("models/b", epochs: 1, model: Self.smallPooled).status == 0)
        let models = ["--model", "models/a", "--model", "models/b"]
        let text = try run(["evaluate"] + models + ["--cache", cache, "--quiet"])
        try #require(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("models models/a + models/b: scored "), "\(text.stdout)")
        #expect(lines.contains { $0.hasPrefix("models/a ") } && lines.contains { $0.hasPrefix("average of the 2 ") })
        #expect(text.stdout.contains("models/a/confusion-combined.svg\n"))
        let json = try run(["evaluate"] + models + ["--cache", cache, "--json", "--quiet"])
        let report = try self.json(json.stdout)
        #expect(report["models"] as? [String] == ["models/a", "models/b"])
        #expect((report["members"] as? [Any])?.count == 2 && report["tracks"] != nil && report["selection"] != nil)

        let predicted = try run(["predict", "\(data)/techno/techno.0000.wav"] + models + ["--json"])
        try #require(predicted.status == 0, "\(predicted.stderr)")
        let line = try self.json(predicted.stdout)
        let model = try #require(line["model"] as? [String: Any])
        #expect(model["path"] as? String == "models/a + models/b" && model["models"] as? Int == 2)
        let table = try run(["predict", "\(data)/techno/techno.0000.wav"] + models)
        #expect(table.stdout.hasPrefix("models models/a + models/b (id "), "\(table.stdout)")

        let timeline = try run(["predict", "\(data)/techno/techno.0000.wav", "--timeline"] + models)
        #expect(timeline.status != 0 && timeline.stderr.contains("--timeline shows one model's windows"))
        try #require(try train("models/pair", epochs: 1, extra: ["--classes", "techno,ambient"]).status == 0)
        let mismatched = try run([
            "predict", "\(data)/techno/techno.0000.wav", "--model", "models/a", "--model", "models/pair",
        ])
        #expect(mismatched.status != 0 && mismatched.stderr.contains("models/pair: classes techno, ambient differ"))
    }
}
