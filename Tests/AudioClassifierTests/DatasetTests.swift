import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import FeatureExtraction

/// Creates empty files at the given relative paths below `directory`.
private func touch(_ directory: TemporaryDirectory, _ paths: [String]) throws {
    for path in paths {
        let url = directory.file(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: url)
    }
}

@Suite struct CSVParserTests {
    @Test func quotedFieldsCommasNewlinesAndLineNumbers() throws {
        let text = "path,label\n\"a,b.wav\",rock\n\n\"multi\nline.wav\",\"say \"\"hi\"\"\"\r\nc.wav,jazz"
        let records = try CSVParser.parse(text)
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["a,b.wav", "rock"])
        #expect(records[2].fields == ["multi\nline.wav", "say \"hi\""])
        #expect(records[3].fields == ["c.wav", "jazz"])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        #expect(throws: CSVParser.Failure.unterminatedQuote(line: 2)) { try CSVParser.parse("a,b\n\"c,d\n") }
    }
}

@Suite struct ManifestTests {
    @Test func resolvesRelativeAndAbsolutePathsWithSplits() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["clips/a.wav", "b.flac"])
        let absolute = directory.file("b.flac").path
        let text = "path,label,split\nclips/a.wav,rock,train\n\(absolute),jazz,VAL\n"
        let items = try Manifest.parse(text, manifestPath: directory.file("m.csv").path)
        #expect(items.map(\.label) == ["rock", "jazz"])
        #expect(items.map(\.split) == [.train, .validation])
        #expect(items[0].path == directory.file("clips/a.wav").standardizedFileURL.path)
        #expect(items[1].path == absolute)
    }

    @Test func namedColumnsGiveGroupsAndOtherColumnsAreIgnored() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["a.wav", "b.wav", "c.wav"])
        let text = """
            path,license,label,group,split,artist
            a.wav,CC-BY,rock,song1,,x
            b.wav,GPL,rock,song1,test,y
            c.wav,GPL,jazz
            """
        let path = directory.file("m.csv").path
        let items = try Manifest.parse(text, manifestPath: path)
        #expect(items.map(\.label) == ["rock", "rock", "jazz"])
        #expect(items.map(\.group) == ["song1", "song1", nil])
        #expect(items.map(\.split) == [nil, .test, nil])
        #expect(try Manifest.parse(text, manifestPath: path, groupColumn: "Artist").map(\.group) == ["x", "y", nil])
        #expect { try Manifest.parse(text, manifestPath: path, groupColumn: "album") } throws: { error in
            (error as! DatasetError).problems == [
                "\(path):1: group_by 'album' is not a column (columns: path,license,label,group,split,artist)"
            ]
        }
        #expect(throws: DatasetError.self) { try Manifest.parse("a.wav,rock\n", manifestPath: path, groupColumn: "g") }
        let held = try Manifest.parse(text, manifestPath: path, holdOutColumn: "LICENSE")
        #expect(held.map(\.holdOut) == ["CC-BY", "GPL", "GPL"])
        #expect(held.map(\.group) == ["song1", "song1", nil], "the group column is still read")
        #expect(items.allSatisfy { $0.holdOut == nil }, "no hold-out key unless asked")
        #expect { try Manifest.parse(text, manifestPath: path, holdOutColumn: "source") } throws: { error in
            (error as! DatasetError).problems == [
                "\(path):1: hold_out_by 'source' is not a column (columns: path,license,label,group,split,artist)"
            ]
        }
        #expect { try Manifest.parse("a.wav,rock\n", manifestPath: path, holdOutColumn: "source") } throws: { error in
            (error as! DatasetError).problems == [
                "\(path): hold_out_by 'source' needs a header row naming the columns (path,label,…)"
            ]
        }
    }

    @Test func reportsEveryProblemWithItsLineNumber() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["a.wav", "b.wav"])
        let text = """
            path,label,split
            a.wav,rock
            missing.wav,rock
            b.wav,
            a.wav,jazz
            b.wav,jazz,holdout
            only-one-column
            """
        let manifest = directory.file("m.csv").path
        #expect { try Manifest.parse(text, manifestPath: manifest) } throws: { error in
            let problems = (error as! DatasetError).problems
            return problems == [
                "\(manifest):3: file not found: missing.wav",
                "\(manifest):4: empty label for b.wav",
                "\(manifest):5: duplicate path a.wav (first on line 2)",
                "\(manifest):6: unknown split 'holdout' (use train, val or test)",
                "\(manifest):7: expected the header's columns path,label,split, found 1 column(s)",
            ]
        }
    }
}

@Suite struct DatasetScannerTests {
    @Test func folderPerClassGivesLabelsInStableOrder() throws {
        let directory = TemporaryDirectory()
        try touch(
            directory, ["rock/b.wav", "rock/deep/c.FLAC", "blues/a.au", "loose.mp3", "notes.txt", ".hidden/x.wav"])
        let items = try DatasetScanner.scan([directory.url.path])
        #expect(items.map(\.relativePath) == ["blues/a.au", "loose.mp3", "rock/b.wav", "rock/deep/c.FLAC"])
        #expect(items.map(\.label) == ["blues", nil, "rock", "rock"])
    }

    @Test func missingInputsAndDuplicatesAreReported() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["rock/a.wav"])
        let file = directory.file("rock/a.wav").path
        #expect { try DatasetScanner.scan([directory.url.path, file, "/nonexistent/x.wav"]) } throws: { error in
            (error as! DatasetError).problems == [
                "/nonexistent/x.wav: no such file or folder",
                "\(file): listed more than once among the inputs",
            ]
        }
    }

    @Test func folderWithoutAudioIsReported() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["notes/readme.txt", "rock/a.wav"])
        let notes = directory.file("notes").path
        #expect { try DatasetScanner.scan([notes, directory.file("rock").path]) } throws: { error in
            (error as! DatasetError).problems == ["\(notes): no audio files in this folder"]
        }
    }

    /// Columns can only be named in manifests: a folder with group_by or hold_out_by is refused.
    @Test func columnOptionsNeedManifests() throws {
        let directory = TemporaryDirectory()
        try touch(directory, ["rock/a.wav"])
        let folder = directory.url.path
        #expect { try DatasetScanner.scan([folder], groupColumn: "artist", holdOutColumn: "source") } throws: {
            error in
            (error as! DatasetError).problems == [
                "\(folder): group_by 'artist' needs CSV manifests, not folders",
                "\(folder): hold_out_by 'source' needs CSV manifests, not folders",
            ]
        }
    }
}

@Suite struct ShardTests {
    private let items = (0..<23).map { DatasetItem(path: "/d/\($0).wav", relativePath: "\($0).wav") }

    @Test func everyItemLandsInExactlyOneShardAndLoadsBalance() {
        let weight: (DatasetItem) -> Int = { Int($0.relativePath.dropLast(4))! % 7 + 1 }
        let shards = (0..<4).map { Shard(index: $0, count: 4).select(items, weight: weight) }
        #expect(shards.flatMap { $0 }.map(\.path).sorted() == items.map(\.path).sorted())
        let loads = shards.map { $0.map(weight).reduce(0, +) }
        #expect(loads.max()! - loads.min()! <= 7, "greedy balance is within one heaviest item: \(loads)")
        #expect(
            shards[2] == Shard(index: 2, count: 4).select(items.reversed(), weight: weight).reversed(),
            "the assignment does not depend on input order")
    }

    @Test func schedulersEnvironmentChoosesTheShard() throws {
        #expect(
            try Shard(environment: [
                "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4",
            ])
                == Shard(index: 2, count: 4))
        #expect(
            try Shard(environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"])
                == Shard(index: 0, count: 2))
        // What Slurm 22.05 exports for `--array=1-7:2` (task 5) and `--array=1,3,8` (task 8).
        let stepped = [
            "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7",
            "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4",
        ]
        #expect(try Shard(environment: stepped) == Shard(index: 2, count: 4))
        let irregular = [
            "SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "8",
            "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "3",
        ]
        #expect { try Shard(environment: irregular) } throws: {
            "\($0)".contains("SLURM_ARRAY_TASK_ID=8 belongs to an irregular")
        }
        #expect(try Shard(environment: ["JOB_COMPLETION_INDEX": "5"], count: 8) == Shard(index: 5, count: 8))
        #expect { try Shard(environment: ["JOB_COMPLETION_INDEX": "5"]) } throws: {
            "\($0)".contains("give the job's completions as shard_count")
        }
        #expect { try Shard(environment: [:]) } throws: { "\($0)".contains("neither SLURM_ARRAY_TASK_ID") }
        #expect { try Shard(environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"]) } throws: {
            "\($0)".contains("4/4")
        }
    }

    @Test(arguments: ["4/4", "-1/3", "1", "a/b", "0/0"])
    func rejectsBadSpecifications(text: String) {
        #expect { try Shard(parsing: text) } throws: { "\($0)".contains(text) }
    }
}

@Suite struct OutputNamingTests {
    @Test func namesFollowInputsAndNeverCollide() {
        let items = [
            DatasetItem(path: "/x/rock/a.wav", relativePath: "rock/a.wav"),
            DatasetItem(path: "/x/rock/b.wav", relativePath: "rock/b.wav"),
            DatasetItem(path: "/x/rock/b.flac", relativePath: "rock/b.flac"),
            DatasetItem(path: "/y/rock/a.wav", relativePath: "rock/a.wav"),
        ]
        let names = OutputNaming.names(for: items)
        #expect(names[1] == "rock/b.wav.npz")
        #expect(names[2] == "rock/b.flac.npz")
        #expect(names[0].hasSuffix("/rock/a.wav.npz") && names[3].hasSuffix("/rock/a.wav.npz"))
        #expect(Set(names).count == 4)
        #expect(OutputNaming.names(for: [items[0]]) == ["rock/a.npz"])
    }
}
