import Foundation
import TestSupport
import Testing

/// A test track whose audio is a training track's (a file copied into a second source) is left
/// out of the test figures training prints and records, as `evaluate` leaves it out, so the two
/// commands print the same test accuracy.
@Suite(.serialized) struct TestCopiesCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    @Test func trainingsTestFigureIsEvaluatesWhenATestTrackCopiesATrainingTrack() throws {
        try synthesize()
        let root = URL(fileURLWithPath: data)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("techno/techno.0000.wav"),
            to: root.appendingPathComponent("techno/techno.copy.wav"))
        // Two test tracks per class named by the manifest, one of them the copy; the original trains.
        var rows = ["path,label,split", "techno/techno.0000.wav,techno,train", "techno/techno.copy.wav,techno,test"]
        for label in ["techno", "ambient", "noise"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(label).path)
                .filter { $0.hasPrefix("\(label).000") && $0 != "techno.0000.wav" }.sorted()
            for (n, file) in files.enumerated() {
                rows.append("\(label)/\(file),\(label),\(n < (label == "techno" ? 1 : 2) ? "test" : "")")
            }
        }
        let manifest = root.appendingPathComponent("copies.csv")
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: manifest)

        let trained = try run(
            ["train", "genre", manifest.path, "--epochs", "1", "--out", "models/m", "--cache", cache] + Self.small)
        try #require(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stderr.contains("1 track (1 test) hold the same audio"), "\(trained.stderr)")
        let closing = try #require(trained.stdout.split(separator: "\n").last { $0.hasPrefix("wrote models/m") })
        #expect(closing.hasSuffix("on 5 of 6 test tracks (the others are copies of training or validation audio)"))
        let printed = try #require(closing.firstMatch(of: /tracks (\d\.\d{3}) \(majority/)).1

        let evaluated = try run(["evaluate", "--model", "models/m", "--cache", cache, "--quiet"])
        try #require(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("scored 5 tracks (split test)"), "\(evaluated.stdout)")
        #expect(evaluated.stdout.contains("track accuracy (mean prob.) \(printed) "), "\(evaluated.stdout)")
    }
}
