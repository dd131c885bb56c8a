import AudioClassifier
import ComplexNN
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
        data[0].split = .test
        let splitter = try TrackSplitter(validation: 0.1, test: 0.2)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        let first = splitter.assign(data, using: &g1)
        #expect(first == splitter.assign(data, using: &g2), "same seed, same split")
        #expect(first[0].split == .test, "a manifest's split is kept")
        func count(_ label: String, _ split: DatasetSplit) -> Int {
            first.filter { $0.label == label && $0.split == split }.count
        }
        #expect([count("b", .train), count("b", .validation), count("b", .test)] == [14, 2, 4])
        #expect(
            [count("a", .validation), count("a", .test)] == [1, 1 + 2],
            "9 unassigned a-tracks: 1 val, 2 test, plus the given one")
        #expect(count("c", .train) >= 1, "every label keeps a training track")
    }

    @Test func rejectsFractionsThatLeaveNoTraining() {
        #expect(throws: DatasetError.self) { try TrackSplitter(validation: 0.5, test: 0.5) }
        #expect(throws: DatasetError.self) { try TrackSplitter(validation: -0.1, test: 0.2) }
    }
}
