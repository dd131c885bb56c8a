import Foundation
import NumPyIO
import TestSupport
import Testing

/// `audiocls extract features` as a user runs it: the built binary on a dataset it generated.
@Suite struct ExtractCommandTests {
    let directory = TemporaryDirectory()

    /// A small synthetic genres dataset (mixed formats, rates and channels) and its folder.
    func dataset(tracksPerClass: Int = 2, seconds: Double = 1) throws -> String {
        let root = directory.file("genres").path
        let result = try CommandRunner.run([
            "data", "synth", root, "--tracks-per-class", "\(tracksPerClass)",
            "--seconds", "\(seconds)", "--seed", "3", "--quiet",
        ])
        try #require(result.status == 0, "\(result.stderr)")
        return root
    }

    func index(_ out: String) throws -> [[String: Any]] {
        let text = try String(
            contentsOf: URL(fileURLWithPath: out).appendingPathComponent("index.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Every `.npz` below `folder`, by relative path, decoded.
    func outputs(_ folder: String) throws -> [String: [String: NPYArray]] {
        let root = URL(fileURLWithPath: folder)
        var result: [String: [String: NPYArray]] = [:]
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        where url.pathExtension == "npz" {
            result[String(url.path.dropFirst(root.path.count + 1))] = try NPZArchive.read(url)
        }
        return result
    }

    /// Files below `folder` that are neither outputs nor the index: temporary leftovers.
    func strayFiles(_ folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder)
        return FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map(\.lastPathComponent)
            .filter { !$0.hasSuffix(".npz") && $0 != "index.jsonl" }
    }

    @Test func writesLabelledFeaturesAndAnIndexThenSkipsOnRerun() throws {
        let root = try dataset()
        let out = directory.file("features").path
        let first = try CommandRunner.run([
            "extract", "features", root, "--out", out, "--features", "mfcc,phase-mfcc",
            "--n-mfcc", "13",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("extracted 10, up to date 0, failed 0 of 10 inputs"))
        let entries = try index(out)
        #expect(entries.count == 10)
        #expect(
            Set(entries.compactMap { $0["label"] as? String }) == ["techno", "ambient", "folk", "noise", "chiptune"])
        let arrays = try #require(try outputs(out)["techno/techno.0001.npz"])
        #expect(arrays["mfcc"]?.dtype == .float32)
        #expect(arrays["phase-mfcc"]?.dtype == .complex64)
        #expect(arrays["mfcc"]?.shape == [13, 1 + 22050 / 512], "1 s at 22050 Hz, centred frames")

        let again = try CommandRunner.run([
            "extract", "features", root, "--out", out, "--features", "mfcc,phase-mfcc",
            "--n-mfcc", "13",
        ])
        #expect(again.stderr.contains("extracted 0, up to date 10"), "\(again.stderr)")
        let changed = try CommandRunner.run([
            "extract", "features", root, "--out", out, "--features", "mfcc,phase-mfcc",
            "--n-mfcc", "20",
        ])
        #expect(changed.stderr.contains("extracted 10, up to date 0"), "a changed configuration recomputes")
        #expect(try outputs(out)["techno/techno.0001.npz"]?["mfcc"]?.shape == [20, 44])
    }

    @Test func aBadFileIsReportedAndTheOthersFinish() throws {
        let root = try dataset(tracksPerClass: 1)
        let bad = URL(fileURLWithPath: root).appendingPathComponent("folk/broken.wav")
        try Data("RIFF nonsense".utf8).write(to: bad)
        let out = directory.file("features").path
        let result = try CommandRunner.run(["extract", "features", root, "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains(bad.path + ":"), "\(result.stderr)")
        #expect(result.stderr.contains("extracted 5, up to date 0, failed 1 of 6"))
        #expect(try index(out).count == 5)
    }

    @Test func configFileAndOptionsCombineAndBadValuesAreQuoted() throws {
        let root = try dataset(tracksPerClass: 1)
        let config = directory.file("features.yaml")
        try Data("features: [mel]\nn_mels: 40\nhop: 256\n".utf8).write(to: config)
        let out = directory.file("features").path
        let result = try CommandRunner.run([
            "extract", "features", root, "--out", out, "--config", config.path,
            "--hop", "1024", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try outputs(out)["noise/noise.0000.npz"]?["mel"]?.shape == [40, 1 + 22050 / 1024],
            "the option wins over the file")

        try Data("features: [mel]\nn_melz: 40\n".utf8).write(to: config)
        let typo = try CommandRunner.run(["extract", "features", root, "--out", out, "--config", config.path])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("unknown key 'n_melz'"))
        let badHop = try CommandRunner.run(["extract", "features", root, "--out", out, "--hop", "0"])
        #expect(badHop.status == 64)
        #expect(badHop.stderr.contains("--hop 0: must be a positive integer"), "\(badHop.stderr)")
        let badFeature = try CommandRunner.run(["extract", "features", root, "--out", out, "--features", "mfcc,chroma"])
        #expect(badFeature.stderr.contains("--features chroma: unknown feature"), "\(badFeature.stderr)")
    }

    @Test func shardsPartitionTheInputsAndMergeToTheSingleProcessResult() throws {
        let root = try dataset()
        let single = directory.file("single").path
        #expect(
            try CommandRunner.run(["extract", "features", root, "--out", single, "--features", "mel", "--quiet"]).status
                == 0)
        var seen: [String] = []
        let shards = (0..<3).map { directory.file("shard\($0)").path }
        for (i, out) in shards.enumerated() {
            let result = try CommandRunner.run([
                "extract", "features", root, "--out", out, "--features", "mel",
                "--shard", "\(i)/3", "--quiet",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            seen += try index(out).map { $0["input"] as! String }
        }
        #expect(seen.count == 10)
        #expect(Set(seen).count == 10)

        let merged = directory.file("merged").path
        let merge = try CommandRunner.run(["extract", "merge"] + shards + ["--out", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try outputs(merged) == outputs(single), "array for array")
        #expect(try index(merged).count == 10)

        let incomplete = try CommandRunner.run([
            "extract", "merge", shards[0], shards[2], "--out", directory.file("partial").path,
        ])
        #expect(incomplete.status == 1)
        #expect(incomplete.stderr.contains("shard 1/3 is missing"), "\(incomplete.stderr)")

        // Another batch merged into the same folder would leave the first batch's entries listed.
        let folk = directory.file("folk-shard").path
        #expect(
            try CommandRunner.run([
                "extract", "features", root + "/folk", "--out", folk, "--features", "mel", "--shard", "0/1", "--quiet",
            ]).status == 0)
        let reused = try CommandRunner.run(["extract", "merge", folk, "--out", merged])
        #expect(reused.status == 1)
        #expect(
            reused.stderr.contains("\(merged): its index also lists 8 inputs of no given shard"), "\(reused.stderr)")
    }

    /// A shard run with other features, and an entry left from an earlier configuration because
    /// its input failed in the rerun, are both refused by the merge.
    @Test func mergeRefusesMixedConfigurations() throws {
        let root = try dataset()
        let shards = (0..<3).map { directory.file("shard\($0)").path }
        func extract(_ i: Int, _ features: String, into out: String) throws -> Int32 {
            try CommandRunner.run([
                "extract", "features", root, "--out", out, "--features", features, "--shard", "\(i)/3", "--quiet",
            ]).status
        }
        for i in 0..<3 { #expect(try extract(i, "mel", into: shards[i]) == 0) }
        let other = directory.file("shard2-mfcc").path
        #expect(try extract(2, "mfcc", into: other) == 0)
        let mixed = try CommandRunner.run([
            "extract", "merge", shards[0], shards[1], other, "--out", directory.file("m1").path,
        ])
        #expect(mixed.status == 1)
        #expect(
            mixed.stderr.contains("\(other): shard 2/3 was extracted with another feature configuration"),
            "\(mixed.stderr)")

        // Break one input of shard 1, then move every shard to mfcc: that input keeps its mel entry.
        let record = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: shards[1] + "/shard.json")))
        let broken = try #require(((record as? [String: Any])?["assigned"] as? [String])?.first)
        // Zero the header but keep the size, which decides the shards.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: broken))
        try handle.write(contentsOf: Data(count: 64))
        try handle.close()
        #expect(try extract(0, "mfcc", into: shards[0]) == 0)
        #expect(try extract(1, "mfcc", into: shards[1]) == 1)
        #expect(try extract(2, "mfcc", into: shards[2]) == 0)
        let stale = try CommandRunner.run(["extract", "merge"] + shards + ["--out", directory.file("m2").path])
        #expect(stale.status == 1)
        #expect(
            stale.stderr.contains("\(broken): the features in \(shards[1]) are left from another configuration"),
            "\(stale.stderr)")
        #expect(try index(directory.file("m2").path).count == 9, "the other inputs are merged")
    }

    /// SIGKILL at several moments, then a rerun: the outputs equal an uninterrupted run's, array for
    /// array, and no temporary file is left behind.
    @Test func killedRunsResumeToTheSameResult() throws {
        let root = try dataset(tracksPerClass: 3, seconds: 2)
        let arguments = ["--features", "stft,mfcc,phase", "--jobs", "2", "--quiet"]
        let reference = directory.file("reference").path
        #expect(try CommandRunner.run(["extract", "features", root, "--out", reference] + arguments).status == 0)
        let expected = try outputs(reference)
        for (attempt, delay) in [0.02, 0.1, 0.25, 0.5, 1.0].enumerated() {
            let out = directory.file("killed\(attempt)").path
            let process = try CommandRunner.start(["extract", "features", root, "--out", out] + arguments)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let rerun = try CommandRunner.run(["extract", "features", root, "--out", out] + arguments)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try outputs(out) == expected, "kill after \(delay) s")
            #expect(try index(out).count == 15)
            #expect(strayFiles(out).isEmpty, "kill after \(delay) s left \(strayFiles(out))")
        }
    }
}
