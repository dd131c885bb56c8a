import Foundation
import TestSupport
import Testing

/// Bad option values exit with status 64 and name the option (or `--config` key) as the user
/// wrote it, never the library's internal parameter name (`hopLength`, `nFFT`).
@Suite struct OptionErrorTests {
    let directory = TemporaryDirectory()

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(arguments, currentDirectory: directory.url)
    }

    @Test(arguments: [
        (["extract", "features", "a.wav", "--out", "o", "--features", "chroma"], "--features chroma"),
        (["extract", "features", "a.wav", "--out", "o", "--hop", "0"], "--hop 0"),
        (["extract", "features", "a.wav", "--out", "o", "--n-fft", "64", "--win-length", "128"], "--win-length 128"),
        (["extract", "features", "a.wav", "--out", "o", "--window", "kaiser"], "'kaiser' is invalid for '--window"),
        (["train", "genre", "d", "--out", "m", "--epochs", "0"], "--epochs 0"),
        (["train", "genre", "d", "--out", "m", "--hop", "0"], "--hop 0"),
        (["train", "genre", "d", "--out", "m", "--lr", "0"], "--lr 0"),
        (["train", "genre", "d", "--out", "m", "--segment-seconds", "0"], "--segment-seconds 0.0"),
        (["train", "genre", "d", "--out", "m", "--segment-hop", "0"], "--segment-hop 0.0"),
        (["extract", "features", "a.wav", "--out", "o", "--shard", "5/4"], "--shard 5/4: expected I/N"),
        (["data", "synth", "o", "--tracks-per-class", "0"], "--tracks-per-class 0: must be positive"),
    ])
    func badValuesNameTheOption(arguments: [String], expected: String) throws {
        let result = try run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        for name in ["hopLength", "nFFT", "winLength"] { #expect(!result.stderr.contains(name)) }
    }

    /// A training value of the wrong kind in the `--config` file names the key, the value and the
    /// file.
    @Test func aBadValueInTheTrainingConfigurationNamesKeyValueAndFile() throws {
        try Data("optimizer: adamx\n".utf8).write(to: directory.file("train.yaml"))
        let result = try run(["train", "genre", "d", "--out", "m", "--config", "train.yaml"])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains("optimizer: adamx in train.yaml: is not one of sgd, adam, adamw"), "\(result.stderr)"
        )
    }

    @Test func aConfigurationKeyIsNamedAsWrittenInTheFile() throws {
        try Data("n_fft: 0\n".utf8).write(to: directory.file("features.yaml"))
        let result = try run(["extract", "features", "a.wav", "--out", "o", "--config", "features.yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("n_fft: 0 in features.yaml"), "\(result.stderr)")
    }

    /// `train genre --help` states the defaults of the model variants (derived from the defaults
    /// training applies, checked per variant in `OptionLayerTests`), not one static value.
    @Test func trainingHelpStatesThePerVariantDefaults() throws {
        let help = try run(["train", "genre", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "Input feature. (default: logmel; descriptors for pooled cnn; mfcc for paper cvcnn/cnn, linear; phase-coupling for gnn)",
            "Optimizer. (default: adamw; sgd for paper cvcnn/cnn)",
            "Learning rate. (default: 0.002; 0.01 for paper cvcnn/cnn, gnn)",
            "(default: timeMeanMax)", "Epochs. (default: 20; 40 for gnn)",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(!text.contains("(default: meanMax)"))
    }
}
