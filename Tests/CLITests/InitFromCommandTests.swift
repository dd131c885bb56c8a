import Foundation
import TestSupport
import Testing

/// `audiocls train genre --init-from BUNDLE` as a user runs it: a network pretrained on two of the
/// suite's classes, fine-tuned on three (the pooled network made small).
@Suite(.serialized) struct InitFromCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    /// Fine-tuning says what it starts from and records it; a bundle that does not fit, or none,
    /// is refused before training, naming the option as typed and the reason.
    @Test func fineTuningStartsFromTheBundleAndRefusesOneThatDoesNotFit() throws {
        try synthesize()
        let pretrained = try train(
            "models/pre", epochs: 1, model: Self.smallPooled, extra: ["--classes", "techno,ambient"])
        try #require(pretrained.status == 0, "\(pretrained.stderr)")
        let tuned = try train("models/tuned", epochs: 1, model: Self.smallPooled, extra: ["--init-from", "models/pre"])
        try #require(tuned.status == 0, "\(tuned.stderr)")
        #expect(tuned.stderr.contains("init: starting from models/pre (pooled cvcnn "), "\(tuned.stderr)")
        #expect(tuned.stderr.contains("trained on 2 classes"), "\(tuned.stderr)")
        #expect(tuned.stderr.contains("every layer but the output layer ("), "\(tuned.stderr)")
        let manifest = try json(
            String(decoding: try Data(contentsOf: directory.file("models/tuned/model.json")), as: UTF8.self))
        let start = try #require((manifest["training"] as? [String: Any])?["initFrom"] as? [String: Any])
        let source = try json(
            String(decoding: try Data(contentsOf: directory.file("models/pre/model.json")), as: UTF8.self))
        #expect(start["bundle"] as? String == "models/pre")
        #expect(start["weightsSHA256"] as? String == source["weightsSHA256"] as? String)

        let wider = try train(
            "models/wider", epochs: 1, model: ["--channels", "4,16"] + Self.smallData,
            extra: ["--init-from", "models/pre"])
        #expect(
            wider.status != 0 && wider.stderr.contains("--init-from models/pre: its network (pooled cvcnn "),
            "\(wider.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("models/wider/model.json").path))
        let missing = try train("models/m", epochs: 1, model: Self.smallPooled, extra: ["--init-from", "models/none"])
        #expect(missing.status != 0 && missing.stderr.contains("--init-from models/none: "), "\(missing.stderr)")
        #expect(missing.stderr.contains("no model here"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("data: "), "refused before the features are read")
        let linear = try run([
            "train", "genre", data, "--model", "linear", "--init-from", "models/pre", "--out", "models/l",
        ])
        #expect(linear.status == 64, "\(linear.stderr)")
        #expect(linear.stderr.contains("--init-from models/pre: does not apply to model linear"), "\(linear.stderr)")
        let together = try run([
            "train", "genre", data, "--model", "cnn+gnn", "--init-from", "models/pre", "--out", "models/t",
        ])
        #expect(together.status == 64, "\(together.stderr)")
        #expect(
            together.stderr.contains("--init-from models/pre: starts one network, and --model cnn+gnn trains 2"),
            "\(together.stderr)")
    }
}
