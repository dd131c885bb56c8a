import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import Models
@testable import Training

@Suite struct HoldOutTrainingTests {
    /// Training with hold-out keys keeps each class's values on one side, and warns, naming the
    /// class, when a class has too few values to give validation any.
    @Test func aClassWithOneSourceTrainsWithAWarning() throws {
        let dataset = try TinyDataset(tracksPerClass: 4)
        var seen: [String: Int] = [:]
        let items = dataset.items.map { item in
            var copy = item
            let index = seen[item.label!, default: 0]
            seen[item.label!] = index + 1
            copy.holdOut = item.label == "techno" ? "one-source" : "source-\(index % 2)"
            return copy
        }
        var c = TrainingConfiguration(model: .linear)
        (c.classes, c.segmenting, c.seed) = (["techno", "ambient", "noise"], try Segmenting(segmentSeconds: 0.5), 3)
        (c.validationFraction, c.testFraction, c.holdOutBy) = (0.4, 0, "source")
        let log = LogRecorder()
        var training = GenreTraining(configuration: c, output: dataset.directory.file("linear"), cache: dataset.cache)
        (training.progressStyle, training.logger) = (.quiet, log.logger())
        let manifest = try #require(try training.run(items: items, resume: false))
        let warnings = log.messages(at: .warning)
        #expect(
            warnings.contains { $0.hasPrefix("no validation tracks for techno: too few 'source' values") },
            "\(warnings)")
        let tracks = manifest.split
        for label in ["ambient", "noise"] {
            let validation = tracks.filter { $0.label == label && $0.split == .validation }
            #expect(validation.count == 2, "\(label): one of its two sources, 2 tracks")
        }
        #expect(tracks.filter { $0.label == "techno" }.allSatisfy { $0.split == .train })

        // One source per class: no validation at all, and the warning says what that means.
        let single = items.map { item in
            var copy = item
            copy.holdOut = "only"
            return copy
        }
        let quiet = LogRecorder()
        training.logger = quiet.logger()
        try training.run(items: single, resume: false)
        #expect(
            quiet.messages(at: .warning).contains {
                $0.hasPrefix("no validation tracks for techno, ambient, noise")
                    && $0.hasSuffix("the last epoch is kept")
            }, "\(quiet.messages(at: .warning))")
    }
}
