import Foundation
import TestSupport
import Testing

/// A CLI suite that trains tiny models: a temporary folder (the commands' working folder) with a
/// synthetic dataset the binary generates (5 classes × 8 tracks × 2 s) and a feature cache.
protocol TrainingSuite {
    var directory: TemporaryDirectory { get }
}

extension TrainingSuite {
    var data: String { directory.file("data").path }
    var cache: String { directory.file("cache").path }

    /// 3 classes, 0.5 s segments, the paper's CVCNN made small (widths 4/6/16): a few seconds in
    /// a debug build.
    static var small: [String] {
        ["--architecture", "paper", "--conv1", "4", "--conv2", "6", "--hidden", "16"] + smallData
    }

    /// The default (pooled) network made small (blocks of 4 and 8 channels), on the same data.
    static var smallPooled: [String] { ["--channels", "4,8"] + smallData }

    /// 3 classes, 0.5 s segments, batches of 8, a fixed seed; the notes on stderr (data, epochs)
    /// stay, so that tests can read them.
    static var smallData: [String] {
        [
            "--classes", "techno,ambient,noise", "--segment-seconds", "0.5", "--batch-size", "8", "--val", "0.125",
            "--test", "0.25", "--seed", "1",
        ]
    }

    /// `audiocls arguments…` in the suite's folder.
    func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> CommandResult {
        try CommandRunner.run(arguments, currentDirectory: directory.url, environment: environment, input: input)
    }

    func synthesize() throws {
        let result = try run([
            "data", "synth", data, "--tracks-per-class", "8", "--seconds", "2", "--seed", "3", "--quiet",
        ])
        try #require(result.status == 0, "\(result.stderr)")
    }

    /// `train genre` on the suite's data with ``small`` (or `model`) and `extra` arguments.
    func train(_ out: String, epochs: Int, model: [String] = Self.small, extra: [String] = []) throws -> CommandResult {
        try run(["train", "genre", data, "--epochs", "\(epochs)", "--out", out, "--cache", cache] + model + extra)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }
}
