import Foundation
import TestSupport
import Testing

/// A validation or test track whose audio is a training track's (a file copied into a second
/// source) is left out of the figures training prints and records, as `evaluate` leaves it out, so
/// the two commands print the same validation and test accuracy.
@Suite(.serialized) struct CopiesAcrossSplitsCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    /// The synthetic data with two byte copies of `techno/techno.0000.wav` (which trains), one
    /// named for test and one for validation, in a manifest that also names two test tracks (one
    /// for techno, beside its copy) and `validationPerClass` validation tracks per class.
    private func manifestWithCopies(validationPerClass: Int) throws -> URL {
        try synthesize()
        let root = URL(fileURLWithPath: data)
        for copy in ["copy", "copy2"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("techno/techno.0000.wav"),
                to: root.appendingPathComponent("techno/techno.\(copy).wav"))
        }
        var rows = [
            "path,label,split", "techno/techno.0000.wav,techno,train", "techno/techno.copy.wav,techno,test",
            "techno/techno.copy2.wav,techno,val",
        ]
        for label in ["techno", "ambient", "noise"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(label).path)
                .filter { $0.hasPrefix("\(label).000") && $0 != "techno.0000.wav" }.sorted()
            let tests = label == "techno" ? 1 : 2
            for (n, file) in files.enumerated() {
                let split = n < tests ? "test" : n < tests + validationPerClass ? "val" : ""
                rows.append("\(label)/\(file),\(label),\(split)")
            }
        }
        let manifest = root.appendingPathComponent("copies.csv")
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        return manifest
    }

    @Test func trainingsFiguresAreEvaluatesWhenTracksCopyATrainingTrack() throws {
        let manifest = try manifestWithCopies(validationPerClass: 1)
        let trained = try run(
            ["train", "genre", manifest.path, "--epochs", "1", "--out", "models/m", "--cache", cache] + Self.small)
        try #require(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stderr.contains("2 tracks (1 test, 1 validation) hold the same audio"), "\(trained.stderr)")
        let closing = try #require(trained.stdout.split(separator: "\n").last { $0.hasPrefix("wrote models/m") })
        #expect(closing.hasSuffix("on 5 of 6 test tracks (the others are copies of training or validation audio)"))
        let printed = try #require(closing.firstMatch(of: /tracks (\d\.\d{3}) \(majority/)).1
        let validated = try #require(closing.firstMatch(of: /validation track accuracy (\d\.\d{3})/)).1

        let evaluated = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        try #require(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("scored 5 tracks (split test)"), "\(evaluated.stdout)")
        #expect(evaluated.stdout.contains("track accuracy (mean prob.) \(printed) "), "\(evaluated.stdout)")
        let validation = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet", "--split", "val"])
        let scoredValidation = try #require(validation.stdout.firstMatch(of: /scored (\d+) tracks \(split val\)/)).1
        // The bundle's validation figures count the tracks `evaluate --split val` scores.
        let bundle = try json(try String(contentsOf: directory.file("models/m/model.json"), encoding: .utf8))
        let confusion = try #require(
            ((bundle["validation"] as? [String: Any])?["tracksByMeanProbability"] as? [String: Any])?["confusion"]
                as? [[Int]])
        #expect(confusion.joined().reduce(0, +) == Int(scoredValidation))
        #expect(validation.stdout.contains("track accuracy (mean prob.) \(validated) "), "\(validation.stdout)")
    }

    /// When the only validation track is a copy, the run says it has no validation.
    @Test func aValidationMadeOnlyOfCopiesIsNamed() throws {
        let manifest = try manifestWithCopies(validationPerClass: 0)
        let trained = try run(
            ["train", "genre", manifest.path, "--epochs", "1", "--out", "models/m", "--cache", cache] + Self.small
                + ["--val", "0"])
        try #require(trained.status == 0, "\(trained.stderr)")
        #expect(
            trained.stderr.contains(
                "every validation track is a copy of an earlier track, so the run has no validation: the last epoch is kept"
            ),
            "\(trained.stderr)")
        #expect(!trained.stdout.contains("validation track accuracy"), "\(trained.stdout)")
    }
}
