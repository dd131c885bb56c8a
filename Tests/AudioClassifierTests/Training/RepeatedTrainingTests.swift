import ComplexNN
import Foundation
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import Training

@Suite struct RepeatedTrainingTests {
    /// 2 labels × 9 groups of 3 tracks (e.g. clips of 9 recordings).
    private let items: [DatasetItem] = ["a", "b"].flatMap { label in
        (0..<27).map {
            DatasetItem(
                path: "/d/\(label)/\($0).wav", label: label, group: "\(label)-\($0 / 3)", relativePath: "\($0).wav")
        }
    }

    /// Every group lands in exactly one fold, each label's groups spread 3/3/3, and each run tests
    /// one fold while leaving the rest to the train/validation split.
    @Test func foldsNeverShareAGroupAndEachFoldIsTestedOnce() throws {
        var random = SeededGenerator(seed: 3)
        let folds = try TrackSplitter.folds(items, count: 3, using: &random)
        let foldsOfGroup = Dictionary(grouping: zip(items, folds), by: { $0.0.group! }).mapValues { Set($0.map(\.1)) }
        #expect(foldsOfGroup.values.allSatisfy { $0.count == 1 })
        for label in ["a", "b"] {
            let counts = (0..<3).map { k in zip(items, folds).filter { $0.0.label == label && $0.1 == k }.count }
            #expect(counts == [9, 9, 9], "\(label): 3 groups of 3 tracks per fold")
        }
        let repeated = try RepeatedTraining(folds: 3, seeds: [5, 6])
        #expect(
            repeated.runs.map(\.name) == [
                "fold-1-seed-5", "fold-1-seed-6", "fold-2-seed-5", "fold-2-seed-6", "fold-3-seed-5", "fold-3-seed-6",
            ])
        var tested: [String: Int] = [:]
        for run in repeated.runs where run.seed == 5 {
            let split = try repeated.items(for: run, from: items)
            #expect(split.allSatisfy { $0.split == .test || $0.split == nil })
            for item in split where item.split == .test { tested[item.path, default: 0] += 1 }
            #expect(try repeated.items(for: run, from: items) == split, "folds do not depend on the run's seed")
        }
        #expect(tested.count == items.count && tested.values.allSatisfy { $0 == 1 })
    }

    /// With hold-out keys, folds deal a class's sources whole; too few sources for the folds is
    /// an error that says so.
    @Test func foldsNeverShareAHoldOutValueWithinAClass() throws {
        let bySource = items.map { item in
            var copy = item
            copy.holdOut = "source-\(Int(item.group!.split(separator: "-")[1])! / 3)"  // 3 sources of 3 groups
            return copy
        }
        var random = SeededGenerator(seed: 4)
        let folds = try TrackSplitter.folds(bySource, count: 3, using: &random)
        let foldsOfSource = Dictionary(grouping: zip(bySource, folds), by: { "\($0.0.label!) \($0.0.holdOut!)" })
            .mapValues { Set($0.map(\.1)) }
        #expect(foldsOfSource.count == 6 && foldsOfSource.values.allSatisfy { $0.count == 1 })
        #expect { try TrackSplitter.folds(bySource, count: 4, using: &random) } throws: { error in
            (error as! DatasetError).problems == [
                "folds 4: label 'a' has only 3 hold-out value(s); every fold needs one to test"
            ]
        }
    }

    @Test func tooFewGroupsOrFoldsAreRefused() throws {
        var random = SeededGenerator(seed: 0)
        #expect(throws: DatasetError.self) { try TrackSplitter.folds(items, count: 10, using: &random) }
        #expect(throws: ConfigurationError.self) { try RepeatedTraining(folds: 1, seeds: [0]) }
        #expect(try RepeatedTraining(folds: nil, seeds: [0, 1]).runs.map(\.name) == ["seed-0", "seed-1"])
    }

    @Test func summaryIsMeanAndSampleStandardDeviation() throws {
        let summary = RepeatedTraining.Summary(
            entries: [0.5, 0.7, 0.9].map {
                .init(run: "r", accuracy: $0, macroF1: $0 / 2, testTracks: 10, validationAccuracy: 1 - $0)
            })
        #expect(abs(summary.accuracy.mean - 0.7) < 1e-12 && abs(summary.accuracy.sd - 0.2) < 1e-12)
        #expect(abs(summary.macroF1.sd - 0.1) < 1e-12)
        let validation = try #require(summary.validationAccuracy)
        #expect(abs(validation.mean - 0.3) < 1e-12 && abs(validation.sd - 0.2) < 1e-12)
        let partial = RepeatedTraining.Summary(entries: [
            .init(run: "a", accuracy: 0.5, macroF1: 0.5, testTracks: 1, validationAccuracy: 0.5),
            .init(run: "b", accuracy: 0.5, macroF1: 0.5, testTracks: 1, validationAccuracy: nil),
        ])
        #expect(partial.validationAccuracy == nil, "no mean over some of the runs")
    }
}
