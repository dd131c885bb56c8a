import Foundation
import TestSupport
import Testing

/// `evaluate --predictions FILE`: one CSV row per scored track, agreeing with the accuracy the
/// command prints, for one model and for two used together.
@Suite(.serialized) struct EvaluatePredictionsCommandTests: TrainingSuite {
    let directory = TemporaryDirectory()

    @Test func theRowsAreTheTracksBehindThePrintedAccuracy() throws {
        try synthesize()
        try #require(try train("models/a", epochs: 1).status == 0)
        try #require(try train("models/b", epochs: 1, model: Self.smallPooled).status == 0)
        for (models, accuracyLine) in [
            (["--model", "models/a"], "track accuracy (mean prob.)"),
            (["--model", "models/a", "--model", "models/b"], "average of the 2"),
        ] {
            let csvPath = directory.file("tracks.csv").path
            let text = try run(["evaluate"] + models + ["--cache", cache, "--quiet", "--predictions", csvPath])
            try #require(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.hasSuffix("track predictions (CSV): \(csvPath)\n"), "\(text.stdout)")
            let match = try #require(text.stdout.firstMatch(of: /scored (\d+) tracks/))
            let scored = try #require(Int(match.1))
            // The accuracy is the line's last number but one (the macro-F1 follows it).
            let numbers = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix(accuracyLine) })
                .split(separator: " ").compactMap { Double($0) }
            let printed = numbers[numbers.count - 2]

            let rows = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(
                rows[0] == [
                    "path", "group", "label", "predicted", "correct", "confidence", "p_techno", "p_ambient", "p_noise",
                ])
            #expect(rows.count == 1 + scored)
            for row in rows.dropFirst() {
                let p = row[6...].map { Float($0)! }
                #expect(abs(p.reduce(0, +) - 1) < 2e-3, "\(row)")
                #expect(row[3] == rows[0][6 + p.indices.max { p[$0] < p[$1] }!].dropFirst(2).description)
                #expect(row[4] == (row[2] == row[3] ? "1" : "0") && Float(row[5]) == p.max())
            }
            let right = rows.dropFirst().filter { $0[4] == "1" }.count
            #expect(String(format: "%.3f", Double(right) / Double(scored)) == String(format: "%.3f", printed))
        }
        let nowhere = try run([
            "evaluate", "--model", "models/a", "--cache", cache, "--quiet", "--predictions", "missing/tracks.csv",
        ])
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("--predictions missing/tracks.csv was not written: "), "\(nowhere.stderr)")
    }
}
