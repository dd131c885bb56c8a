import Foundation
import NumPyIO
import TestSupport
import Testing

/// The bad-input corpus (``BadInputCorpus``) through `info`, `extract features`, `predict` and
/// `train genre`, plus bad manifests and a pipeline with wrong types through `extract`, `train` and
/// `run`: each bad input is named on stderr with its reason, the rest of the batch finishes, the
/// exit status is 1 (never a signal), and nothing written holds a NaN.
@Suite(.serialized) struct BadInputCorpusTests {
    let directory = TemporaryDirectory()
    var corpus: URL { directory.file("corpus") }

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(arguments, currentDirectory: directory.url)
    }

    /// Exit status 1, not a crash: `CommandResult.status` is the signal number when the process was
    /// killed by one, and ≥ 128 when a wrapper reports a signal.
    func expectCleanFailure(_ result: CommandResult, _ what: String) {
        #expect(result.status == 1, "\(what): exit status \(result.status)\n\(result.stderr)")
    }

    /// The stderr lines that name `name` (as the last component of a path).
    func lines(naming name: String, in text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains("/" + name + ":") || $0.hasPrefix(name + ":") }
    }

    /// Every rejected case is named once on stderr with its reason; accepted cases are not.
    /// Foundation's error dumps and libsndfile's misleading "does not exist" are not messages.
    func expectRejectionsReported(_ cases: [BadInputCorpus.Case], stderr: String, _ command: String) {
        #expect(
            !stderr.contains("NSCocoaErrorDomain") && !stderr.contains("does not exist or is not a regular file"),
            "\(command): \(stderr)")
        for item in cases {
            let named = lines(naming: item.name, in: stderr)
            switch item.expected {
            case .rejected(let reason):
                #expect(
                    named.contains { $0.contains(reason) },
                    "\(command): \(item.name) (\(item.how)) should be rejected with '\(reason)'; stderr lines: \(named)"
                )
            case .accepted:
                #expect(named.isEmpty, "\(command): \(item.name) (\(item.how)) should be accepted; stderr: \(named)")
            }
        }
    }

    @Test func infoNamesEveryBadFileAndDescribesTheRest() throws {
        let cases = try BadInputCorpus.write(into: corpus)
        let result = try run(["info", "--decode", "--json"] + cases.map { "corpus/\($0.name)" })
        expectCleanFailure(result, "info")
        expectRejectionsReported(cases, stderr: result.stderr, "info")
        let described = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let accepted = cases.filter { $0.expected == .accepted }.map { "corpus/\($0.name)" }
        #expect(described.compactMap { $0["path"] as? String } == accepted)
        for object in described {
            let decoding = try #require(object["decode"] as? [String: Any])
            #expect(
                (decoding["rms"] as? Double)?.isFinite == true && (decoding["peak"] as? Double)?.isFinite == true,
                "\(object)")
        }
    }
}

extension BadInputCorpusTests {
    static let allFeatures = "stft,mel,logmel,mfcc,phase,if,gd,complex-logmel,phase-mfcc"

    /// Every value of an array, complex parts included, as Float.
    func values(_ array: NPYArray) throws -> [Float] {
        try array.dtype == .complex64 ? array.complexInterleaved() : array.floats()
    }

    @Test func extractFinishesTheBatchWithFiniteFeatures() throws {
        let cases = try BadInputCorpus.write(into: corpus)
        let result = try run([
            "extract", "features", "corpus", "--out", "out", "--features", Self.allFeatures,
            "--jobs", "2", "--quiet",
        ])
        expectCleanFailure(result, "extract")
        expectRejectionsReported(cases, stderr: result.stderr, "extract")
        let index = try String(contentsOf: directory.file("out/index.jsonl"), encoding: .utf8)
        let entries = try index.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let extracted = Set(
            entries.compactMap { ($0["input"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(extracted == Set(cases.filter { $0.expected == .accepted }.map(\.name)))
        for entry in entries {
            let output = try #require(entry["output"] as? String)
            let arrays = try NPZArchive.read(directory.file("out/\(output)"))
            #expect(arrays.count == 9, "\(output): \(arrays.keys.sorted())")
            for (name, array) in arrays {
                #expect(try values(array).allSatisfy(\.isFinite), "\(output)[\(name)] holds NaN or Inf")
            }
        }
    }

    /// A small model (2 classes, widths 4/6/16, 1 epoch) on a synthetic dataset the binary makes.
    func trainSmallModel(data: String, out: String) throws -> CommandResult {
        try run([
            "train", "genre", data, "--out", out, "--cache", "cache", "--classes", "techno,noise",
            "--segment-seconds", "0.5", "--architecture", "paper", "--conv1", "4", "--conv2", "6", "--hidden", "16",
            "--epochs", "1",
            "--batch-size", "8", "--val", "0.25", "--test", "0.25", "--seed", "1", "--quiet",
        ])
    }

    func synthesize(_ data: String) throws {
        let made = try run([
            "data", "synth", data, "--tracks-per-class", "4", "--seconds", "1", "--seed", "3", "--quiet",
        ])
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test func predictGivesFiniteProbabilitiesAndReportsTheRest() throws {
        let cases = try BadInputCorpus.write(into: corpus)
        try synthesize("data")
        let trained = try trainSmallModel(data: "data", out: "models/m")
        try #require(trained.status == 0, "\(trained.stderr)")
        let result = try run(["predict", "corpus", "--model", "models/m", "--json"])
        expectCleanFailure(result, "predict")
        expectRejectionsReported(cases, stderr: result.stderr, "predict")
        let predictions = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let named = Set(
            predictions.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(named == Set(cases.filter { $0.expected == .accepted }.map(\.name)))
        for prediction in predictions {
            let p = try #require(prediction["probabilities"] as? [Double])
            #expect(p.count == 2 && p.allSatisfy(\.isFinite) && abs(p.reduce(0, +) - 1) < 1e-4, "\(prediction)")
        }

        let folder = try run(["predict", "corpus/x.wav", "corpus/tone.wav", "--model", "models/m", "--csv"])
        expectCleanFailure(folder, "predict of a folder without audio")
        #expect(folder.stderr.contains("corpus/x.wav: no audio files in this folder"), "\(folder.stderr)")
        #expect(folder.stdout.split(separator: "\n").count == 2 && folder.stdout.contains("corpus/tone.wav"))
    }

    /// Bad files inside a training set: training refuses, listing every bad file with its reason,
    /// and writes no model (a silently smaller dataset would change the split and the result).
    @Test func trainRefusesADatasetWithBadFilesListingThemAll() throws {
        try BadInputCorpus.write(into: corpus)
        try synthesize("data")
        let bad = ["empty.wav", "nan.wav", "random.mp3", "truncated-data.wav", "x.wav", "zero-frames.wav"]
        for name in bad {
            try FileManager.default.moveItem(
                at: corpus.appendingPathComponent(name),
                to: directory.file("data/techno/\(name)"))
        }
        let result = try trainSmallModel(data: "data", out: "models/bad")
        expectCleanFailure(result, "train")
        for item in BadInputCorpus.cases where bad.contains(item.name) {
            guard case .rejected(let reason) = item.expected else { continue }
            #expect(
                lines(naming: item.name, in: result.stderr).contains { $0.contains(reason) },
                "train: \(item.name) not reported with '\(reason)'\n\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("models/bad/model.json").path))
    }

    /// Manifests with a missing column, an empty label, a path twice and a missing file: `extract`
    /// and `train` refuse them with `file:line:` messages.
    @Test func badManifestsAreRefusedWithLineNumbers() throws {
        try BadInputCorpus.write(into: corpus)
        let manifests = [
            // The header names the columns, so the missing one is reported on the header's line.
            ("no-label-column.csv", "path\ncorpus/tone.wav\n", "no-label-column.csv:1:", "path,label"),
            ("empty-label.csv", "path,label\ncorpus/tone.wav,techno\ncorpus/dc.wav,\n", "empty-label.csv:3:", "label"),
            (
                "duplicated.csv", "path,label\ncorpus/tone.wav,techno\ncorpus/tone.wav,techno\n", "duplicated.csv:3:",
                "tone.wav"
            ),
            (
                "missing-file.csv", "path,label\ncorpus/tone.wav,techno\ncorpus/nope.wav,noise\n",
                "missing-file.csv:3:", "nope.wav"
            ),
        ]
        for (name, text, location, subject) in manifests {
            try text.write(to: directory.file(name), atomically: true, encoding: .utf8)
            for command in [
                ["extract", "features", name, "--out", "out-\(name)", "--quiet"],
                ["train", "genre", name, "--out", "models/x", "--cache", "cache", "--quiet"],
            ] {
                let result = try run(command)
                #expect(result.status == 1 || result.status == 64, "\(command): \(result.status)")
                #expect(
                    result.stderr.split(separator: "\n").contains { $0.contains(location) && $0.contains(subject) },
                    "\(command[0]) \(name): expected '\(location)' naming '\(subject)'\n\(result.stderr)")
            }
        }
    }

    /// chmod 000 blocks reads only for a non-root user; as root the file is readable and the case
    /// would prove nothing, so it is skipped.
    @Test(.enabled(if: !BadInputCorpus.isRoot, "running as root: permissions do not block reads"))
    func unreadableFileIsNamed() throws {
        let item = BadInputCorpus.unreadable
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try item.make(corpus.appendingPathComponent(item.name))
        for command in [
            ["info", "corpus/\(item.name)"],
            ["extract", "features", "corpus/\(item.name)", "--out", "out", "--quiet"],
        ] {
            let result = try run(command)
            expectCleanFailure(result, command[0])
            expectRejectionsReported([item], stderr: result.stderr, command[0])
        }
    }

    /// A folder without audio (here the folder named `x.wav`) given to `extract` or `train` (for
    /// `predict`, see ``predictGivesFiniteProbabilitiesAndReportsTheRest()``) is an error naming it, not a run over nothing that exits 0.
    @Test func folderWithoutAudioIsAnError() throws {
        try BadInputCorpus.write(into: corpus)
        for command in [
            ["extract", "features", "corpus/x.wav", "--out", "out", "--quiet"],
            ["train", "genre", "corpus/x.wav", "--out", "models/x", "--cache", "cache", "--quiet"],
        ] {
            let result = try run(command)
            expectCleanFailure(result, command.joined(separator: " "))
            #expect(
                result.stderr.contains("corpus/x.wav: no audio files in this folder"), "\(command): \(result.stderr)")
        }
    }

    /// An output folder that cannot be made (a file is in the way) is named with the system's reason.
    @Test func unusableOutputFolderIsNamed() throws {
        try BadInputCorpus.write(into: corpus)
        for (out, reason) in [("corpus/tone.wav", "File exists"), ("corpus/tone.wav/sub", "Not a directory")] {
            let result = try run(["extract", "features", "corpus/dc.wav", "--out", out, "--quiet"])
            expectCleanFailure(result, "extract --out \(out)")
            #expect(result.stderr.contains("\(out): cannot create the output folder: \(reason)"), "\(result.stderr)")
        }
    }

    /// A pipeline whose step meets the corpus: the step's messages, then `run` stops naming the
    /// step and its exit status, and the steps after it do not run.
    @Test func pipelineStepOverTheCorpusFailsNamingTheStep() throws {
        try BadInputCorpus.write(into: corpus)
        let pipeline = """
            name: bad
            output: runs/bad
            steps:
              - name: corpus
                run: extract features corpus --out runs/bad/features --quiet
                outputs: [runs/bad/features/index.jsonl]
              - name: after
                run: extract features corpus/tone.wav --out runs/bad/after --quiet
            """
        try pipeline.write(to: directory.file("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["run", "bad.yaml"])
        expectCleanFailure(result, "run")
        expectRejectionsReported(BadInputCorpus.cases, stderr: result.stderr, "run")
        #expect(result.stderr.contains("pipeline bad: step 'corpus' failed: exit status 1"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("runs/bad/after").path))
    }

    /// A pipeline whose `steps` is a number, or whose step `outputs` is a string: `run` refuses it,
    /// naming the file and the key.
    @Test func pipelineWithWrongTypesIsRefused() throws {
        let pipelines = [
            ("steps-number.yaml", "name: x\noutput: runs/x\nsteps: 3\n", "steps"),
            (
                "outputs-string.yaml",
                "name: x\noutput: runs/x\nsteps:\n  - name: a\n    run: info x.wav\n    outputs: \"x\"\n", "outputs"
            ),
            ("name-list.yaml", "name: [1, 2]\noutput: runs/x\nsteps: []\n", "name"),
        ]
        for (name, text, key) in pipelines {
            try text.write(to: directory.file(name), atomically: true, encoding: .utf8)
            let result = try run(["run", name])
            expectCleanFailure(result, "run \(name)")
            #expect(
                result.stderr.contains("\(name):") && result.stderr.contains("not a valid pipeline")
                    && result.stderr.contains(key),
                "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.file("runs/x").path))
        }
    }
}
