import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import FeatureExtraction

@Suite struct FeatureStoreTests {
    /// A one-row feature of two frames.
    private let row = SpectralFeature.real(Spectrogram(rowCount: 1, frameCount: 2, values: [1, 2]))

    private func entry(for item: DatasetItem, config: String = "c1") throws -> FeatureIndexEntry {
        let stamp = try InputStamp(item.url)
        return FeatureIndexEntry(
            input: item.path, relativePath: item.relativePath, label: item.label, split: item.split,
            contentHash: try SHA256.hex(ofFileAt: item.url), configHash: config,
            output: item.relativePath + ".npz", shapes: ["x": [1, 2]], duration: 1.5,
            inputSize: stamp.size, inputModified: stamp.modified)
    }

    private func makeInput(_ directory: TemporaryDirectory, _ name: String, _ bytes: [UInt8]) throws -> DatasetItem {
        try Data(bytes).write(to: directory.file(name))
        return DatasetItem(path: directory.file(name).path, label: "rock", relativePath: name)
    }

    @Test func entriesSurviveReopenAndCommit() throws {
        let inputs = TemporaryDirectory(), store = TemporaryDirectory()
        let item = try makeInput(inputs, "a.wav", [1, 2, 3])
        let features = try FeatureStore(root: store.url)
        try features.store([("x", NPYArray(row))], as: entry(for: item))
        #expect(
            try FeatureStore(root: store.url).currentEntry(for: item, configHash: "c1") != nil, "journal is read back")
        try features.commit()
        let reopened = try FeatureStore(root: store.url)
        #expect(reopened.currentEntry(for: item, configHash: "c1")?.shapes == ["x": [1, 2]])
        #expect(reopened.currentEntry(for: item, configHash: "c2") == nil, "another configuration recomputes")
        #expect(!FileManager.default.fileExists(atPath: store.file("index.journal").path))
        #expect(try NPZArchive.read(store.file("a.wav.npz"))["x"] == NPYArray(shape: [1, 2], float32: [1, 2]))
    }

    @Test func changedContentOrMissingOutputIsNotCurrent() throws {
        let inputs = TemporaryDirectory(), store = TemporaryDirectory()
        let item = try makeInput(inputs, "a.wav", [1, 2, 3])
        let features = try FeatureStore(root: store.url)
        try features.store([("x", NPYArray(row))], as: entry(for: item))
        try Data([9, 9, 9, 9]).write(to: item.url)
        #expect(features.currentEntry(for: item, configHash: "c1") == nil, "new content")
        try features.store([("x", NPYArray(row))], as: entry(for: item))
        try FileManager.default.removeItem(at: store.file("a.wav.npz"))
        #expect(features.currentEntry(for: item, configHash: "c1") == nil, "output deleted")
    }

    @Test func aTornJournalLineIsDroppedAndLaterLinesAreKept() throws {
        let inputs = TemporaryDirectory(), store = TemporaryDirectory()
        let a = try makeInput(inputs, "a.wav", [1]), b = try makeInput(inputs, "b.wav", [2]),
            c = try makeInput(inputs, "c.wav", [3])
        let features = try FeatureStore(root: store.url)
        for item in [a, b] { try features.store([("x", NPYArray(row))], as: entry(for: item)) }
        // Simulate SIGKILL in the middle of appending b's line.
        let journal = store.file("index.journal")
        var bytes = try Data(contentsOf: journal)
        bytes.removeLast(20)
        try bytes.write(to: journal)
        let recovered = try FeatureStore(root: store.url)
        #expect(recovered.currentEntry(for: a, configHash: "c1") != nil)
        #expect(recovered.currentEntry(for: b, configHash: "c1") == nil, "b is redone")
        try recovered.store([("x", NPYArray(row))], as: entry(for: c))
        let again = try FeatureStore(root: store.url)
        #expect(
            again.currentEntry(for: c, configHash: "c1") != nil, "a line after the crash is not glued to the torn one")
        try again.commit()
        let lines = try String(contentsOf: store.file("index.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }
}

@Suite struct ExtractionSettingsTests {
    @Test func equivalentSettingsShareAHashAndRealChangesDoNot() {
        let defaults = ExtractionSettings()
        var explicitWindow = defaults
        explicitWindow.spectral.winLength = 2048
        #expect(explicitWindow.hash == defaults.hash)
        var shorterWindow = defaults
        shorterWindow.spectral.winLength = 1024
        #expect(shorterWindow.hash != defaults.hash)
        #expect(
            ExtractionSettings(features: [.mfcc, .stft]).hash == ExtractionSettings(features: [.stft, .mfcc]).hash)
        #expect(ExtractionSettings(features: [.mfcc]).hash != ExtractionSettings(features: [.stft]).hash)
        var float32 = defaults, float16 = defaults
        (float32.dtype, float16.dtype) = (.float32, .float16)
        #expect(float32.hash == defaults.hash, "float32 is the default, stated or not")
        #expect(float16.hash != defaults.hash)
    }

    /// `--dtype` on the command line and `dtype:` in a configuration file; a value that is not a
    /// precision is refused with the option's name.
    @Test func theDTypeOptionSetsThePrecision() throws {
        let parsed = try ExtractionOverrides.parse(["--dtype", "float16"])
        #expect(try parsed.applied(to: ExtractionSettings()).precision == .float16)
        #expect(try ExtractionOverrides.parse([]).applied(to: ExtractionSettings()).precision == .float32)
        do {
            _ = try ExtractionOverrides.parse(["--dtype", "float8"])
            Issue.record("--dtype float8 was accepted")
        } catch {
            #expect(ExtractionOverrides.message(for: error).contains("--dtype"))
        }
        let folder = TemporaryDirectory()
        try "dtype: float16\n".write(to: folder.file("extract.yaml"), atomically: true, encoding: .utf8)
        let file = try ExtractionOverrides(yamlFile: folder.file("extract.yaml"))
        #expect(try file.applied(to: ExtractionSettings()).dtype == .float16)
    }

    /// The hash keys every feature cache: the defaults' is the one earlier versions computed, and
    /// settings holding NaN or ±∞ (rejected by validation, not by hashing) have distinct ones.
    @Test func theHashIsStableAndDefinedForEverySetting() {
        #expect(ExtractionSettings().hash == "b634af2229dfeab40b26c533c02db932333e646530e82ab867e74d983f378bc5")
        let hashes = [Double.nan, .infinity, -.infinity, 1].map { value in
            var settings = ExtractionSettings()
            settings.spectral.lifter = value
            return settings.hash
        }
        #expect(Set(hashes + [ExtractionSettings().hash]).count == 5)
    }
}
