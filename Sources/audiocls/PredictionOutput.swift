import Bundles
import ClassifierSupport
import Foundation
import Inference

/// Prints predictions as a table (after the last file), CSV or JSON Lines (as each file
/// finishes); every format names the model.
struct PredictionOutput {
    enum Format { case table, csv, json }

    let model: ModelDescription
    let format: Format
    let timeline: Bool
    let topK: Int
    private var predictions: [Prediction] = []

    init(model: ModelDescription, format: Format, timeline: Bool, topK: Int) {
        (self.model, self.format, self.timeline, self.topK) = (model, format, timeline, topK)
    }

    /// The CSV header (the table's model line comes with the table).
    func begin() {
        guard format == .csv else { return }
        let header =
            timeline
            ? ["path", "start", "end", "label", "probability"]
            : ["path", "label", "confidence"] + model.classes + (topK > 1 ? ["top_k"] : [])
                + ["ood_score", "unlike_training", "windows", "audio_seconds", "elapsed_ms"]
        print(csvLine(header + ["model", "model_id", "model_dataset", "model_tracks", "model_test_accuracy"]))
    }

    mutating func add(_ p: Prediction) throws {
        switch format {
        case .json:
            let encoder = JSONEncoder.sortedKeys
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(Line(prediction: p, model: model)), as: UTF8.self))
        case .csv:
            let modelColumns = [
                model.path, model.id, model.dataset ?? "", "\(model.tracks)", model.testAccuracy.map(f3) ?? "",
            ]
            if timeline {
                for w in p.timeline ?? [] {
                    print(csvLine([p.path, f3(w.start), f3(w.end), w.label, f4(w.probability)] + modelColumns))
                }
            } else {
                print(csvLine(summaryCells(p, separator: ";") + modelColumns))
            }
        case .table:
            predictions.append(p)
        }
        fflush(nil)
    }

    /// Prints the table (model line, one row per file, the timelines, notes on unfamiliar input).
    func finish() {
        guard format == .table else { return }
        print(model.summary)
        guard !predictions.isEmpty else { return }
        var table = TextTable(
            header: ["FILE", "LABEL", "CONFIDENCE"] + model.classes.map { "P(\($0))" }
                + (topK > 1 ? ["TOP-\(topK)"] : [])
                + ["OOD_SCORE", "UNLIKE_TRAINING", "WINDOWS", "AUDIO_SECONDS", "ELAPSED_MS"], textColumns: 2)
        for p in predictions { table.append(summaryCells(p, separator: ",")) }
        table.lines.forEach { print($0) }
        for p in predictions where p.outOfDistribution?.unlike == true {
            let o = p.outOfDistribution!
            print(
                "note: \(p.path) is unlike the training data (score \(f3(o.score)) > threshold \(f3(o.threshold))): its label means little"
            )
        }
        for p in predictions where p.timeline != nil {
            print("\ntimeline of \(p.path):")
            var rows = TextTable(header: ["START", "END", "LABEL", "PROBABILITY"], textColumns: 0)
            for w in p.timeline! { rows.append([f3(w.start), f3(w.end), w.label, f4(w.probability)]) }
            rows.lines.forEach { print($0) }
        }
    }

    /// The cells of one file's summary row.
    private func summaryCells(_ p: Prediction, separator: String) -> [String] {
        let top = p.top.map { "\($0.label) \(f4($0.probability))" }.joined(separator: separator + " ")
        return [p.path, p.label, f4(p.confidence)] + p.probabilities.map(f4) + (topK > 1 ? [top] : [])
            + [
                p.outOfDistribution.map { f3($0.score) } ?? "",
                p.outOfDistribution.map { $0.unlike ? "yes" : "no" } ?? "",
                "\(p.windows)", f3(p.audioSeconds), String(format: "%.1f", p.elapsedMS),
            ]
    }

    /// One JSON line: the prediction's keys and the model.
    private struct Line: Encodable {
        let prediction: Prediction
        let model: ModelDescription
        enum CodingKeys: String, CodingKey { case model }
        func encode(to encoder: any Encoder) throws {
            try prediction.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model)
        }
    }

    private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
    private func f4(_ x: Float) -> String { String(format: "%.4f", x) }
}
