import ClassifierSupport
import ComplexNN
import Datasets
import Models
import TestSupport
import Testing

private struct SklearnCases: Decodable {
    struct Case: Decodable {
        let classCount: Int
        let truth: [Int]
        let predicted: [Int]
        let accuracy: Double
        let precision: [Double]
        let recall: [Double]
        let f1: [Double]
        let macroF1: Double
        let confusion: [[Int]]
    }
    let cases: [Case]
}

@Suite struct ClassificationMetricsTests {
    @Test func agreesWithScikitLearn() throws {
        for reference in try Fixtures.json("metrics/sklearn.json", as: SklearnCases.self).cases {
            let metrics = ClassificationMetrics(
                truth: reference.truth, predicted: reference.predicted,
                classCount: reference.classCount)
            let classes = 0..<reference.classCount
            #expect(metrics.confusion == reference.confusion)
            expectClose(
                [metrics.accuracy, metrics.macroF1], [reference.accuracy, reference.macroF1], rtol: 1e-12, atol: 1e-12)
            expectClose(classes.map(metrics.precision), reference.precision, rtol: 1e-12, atol: 1e-12, "precision")
            expectClose(classes.map(metrics.recall), reference.recall, rtol: 1e-12, atol: 1e-12, "recall")
            expectClose(classes.map(metrics.f1), reference.f1, rtol: 1e-12, atol: 1e-12, "f1")
        }
    }
}

@Suite struct TrackSplitterTests {
    private func items(_ perLabel: [String: Int]) -> [DatasetItem] {
        perLabel.sorted { $0.key < $1.key }.flatMap { label, count in
            (0..<count).map {
                DatasetItem(path: "/d/\(label)/\($0).wav", label: label, relativePath: "\(label)/\($0).wav")
            }
        }
    }

    @Test func stratifiedSeededAndKeepsManifestSplits() throws {
        var data = items(["a": 10, "b": 20, "c": 2])
        data[0].split = .train
        let splitter = try TrackSplitter(validation: 0.1, test: 0.2)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        let first = try splitter.assign(data, using: &g1)
        #expect(first == (try splitter.assign(data, using: &g2)), "same seed, same split")
        #expect(first[0].split == .train, "a manifest's split is kept")
        func count(_ label: String, _ split: DatasetSplit) -> Int {
            first.filter { $0.label == label && $0.split == split }.count
        }
        #expect([count("b", .train), count("b", .validation), count("b", .test)] == [14, 2, 4])
        #expect(
            [count("a", .train), count("a", .validation), count("a", .test)] == [1 + 6, 1, 2],
            "9 unassigned a-tracks: 1 val, 2 test, plus the given training one")
        #expect(count("c", .train) >= 1, "every label keeps a training track")
    }

    @Test func aManifestThatNamesTestTracksNamesTheWholeTestSet() throws {
        var data = items(["a": 10, "b": 10])
        data[0].split = .test
        data[10].split = .test
        var random = SeededGenerator(seed: 1)
        let split = try TrackSplitter(validation: 0.2, test: 0.3).assign(data, using: &random)
        #expect(split.filter { $0.split == .test }.map(\.path) == [data[0].path, data[10].path])
        #expect(split.filter { $0.split == .validation }.count == 4, "20 % of each label's 9 other tracks: 2 + 2")
    }

    /// Tracks of one group (e.g. clips of one recording) always share a split, and the fractions
    /// count groups.
    @Test func groupsNeverStraddleSplits() throws {
        let data = items(["a": 40, "b": 40]).enumerated().map { index, item in
            var copy = item
            copy.group = "\(item.label!)-recording-\(index % 10)"  // 10 groups of 4 tracks per label
            return copy
        }
        for seed: UInt64 in 0..<5 {
            var random = SeededGenerator(seed: seed)
            let split = try TrackSplitter(validation: 0.1, test: 0.2).assign(data, using: &random)
            let splitsOfGroup = Dictionary(grouping: split, by: { $0.group! }).mapValues { Set($0.map(\.split)) }
            #expect(splitsOfGroup.values.allSatisfy { $0.count == 1 }, "seed \(seed)")
            #expect(split.filter { $0.label == "a" && $0.split == .test }.count == 8, "2 of 10 groups of 4")
        }
        var conflicting = data
        (conflicting[0].split, conflicting[10].split) = (.test, .train)  // both in group a-recording-0
        var random = SeededGenerator(seed: 0)
        #expect(throws: DatasetError.self) { try TrackSplitter().assign(conflicting, using: &random) }
        conflicting[10].split = nil
        let extended = try TrackSplitter().assign(conflicting, using: &random)
        #expect(extended.filter { $0.group == "a-recording-0" }.allSatisfy { $0.split == .test })
    }

    /// 2 labels × 6 sources × 3 recordings × 2 clips; source `s0` also has a fixed test recording.
    private var bySource: [DatasetItem] {
        ["a", "b"].flatMap { label in
            (0..<36).map { index in
                let (source, recording) = (index / 6, index / 2)
                return DatasetItem(
                    path: "/d/\(label)/\(index).wav", label: label, split: recording == 0 ? .test : nil,
                    group: "\(label)-r\(recording)", holdOut: "s\(source)", relativePath: "\(index).wav")
            }
        }
    }

    /// With hold-out keys, validation takes whole sources of a class (the fraction counts
    /// sources), while the manifest's test recording keeps its split though its source trains.
    @Test func holdOutKeysMoveAClasssSourceWhole() throws {
        for seed: UInt64 in 0..<5 {
            var random = SeededGenerator(seed: seed)
            let split = try TrackSplitter(validation: 0.2, test: 0.2).assign(bySource, using: &random)
            for label in ["a", "b"] {
                let tracks = split.filter { $0.label == label }
                let open = tracks.filter { $0.group != "\(label)-r0" }
                let sides = Dictionary(grouping: open, by: { $0.holdOut! }).mapValues { Set($0.map(\.split)) }
                #expect(sides.values.allSatisfy { $0.count == 1 }, "seed \(seed): a source on one side")
                #expect(
                    sides.values.filter { $0 == [.validation] }.count == 1, "seed \(seed): 20 % of 6 sources → 1")
                #expect(tracks.filter { $0.split == .test }.map(\.group) == ["\(label)-r0", "\(label)-r0"])
            }
        }
        var mixed = bySource
        mixed[2].holdOut = "s5"  // recording a-r1 now spans s0 and s5
        var random = SeededGenerator(seed: 0)
        #expect { try TrackSplitter().assign(mixed, using: &random) } throws: { error in
            (error as! DatasetError).problems == [
                "group 'a-r1' has tracks with different hold-out values (s0, s5); a group must stay on one side"
            ]
        }
    }

    /// A source shared by two classes is held out per class: one class's validation source may
    /// train the other class.
    @Test func aHoldOutValueIsSplitByClass() throws {
        let shared = bySource.map { item in
            var copy = item
            copy.split = nil
            return copy
        }
        let heldOut = (0..<20).map { seed -> Set<String> in
            var random = SeededGenerator(seed: UInt64(seed))
            let split = try! TrackSplitter(validation: 0.2, test: 0).assign(shared, using: &random)
            return Set(split.filter { $0.split == .validation }.map { "\($0.label!):\($0.holdOut!)" })
        }
        #expect(heldOut.allSatisfy { $0.count == 2 }, "one source per class")
        #expect(
            heldOut.contains { Set($0.map { $0.split(separator: ":")[1] }).count == 2 },
            "in some seed the two classes hold out different sources")
    }

    @Test func rejectsFractionsThatLeaveNoTraining() {
        #expect(throws: ConfigurationError.self) { try TrackSplitter(validation: 0.5, test: 0.5) }
        #expect { try TrackSplitter(validation: -0.1, test: 0.2) } throws: {
            "\($0)" == "val=-0.1: and test=0.2 must be ≥ 0 and sum to less than 1"
        }
    }
}
