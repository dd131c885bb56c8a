import Charts
import Foundation
import Inference

/// The pipeline's HTML report: one self-contained page (inline SVG, no scripts, no network) with
/// the comparison table, each model's confusion matrix and learning curves, example spectrogram
/// and phase images, the best model's predictions and the steps that were run.
enum ReportPage {
    static func html(
        report: PipelineReport, pipeline: String, outcomes: [PipelineRunner.Outcome],
        predictions: [Prediction], best: URL?
    ) -> String {
        let e = SVGCharts.escape
        var page = """
            <!doctype html><html><head><meta charset="utf-8"><title>\(e(report.spec.title ?? pipeline))</title>
            <style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}figure{display:inline-block;margin:6px;vertical-align:top}
            code{background:#f4f4f4;padding:1px 3px}</style></head><body>
            <h1>\(e(report.spec.title ?? pipeline))</h1>
            <p>Pipeline <code>\(e(pipeline))</code>, written \(ISO8601DateFormatter().string(from: Date())).
            Accuracy is by track (mean probability over a track's segments) on each dataset's held-out test tracks,
            for the weights the bundle keeps; mean ± sd over the seeds of a model trained with several. The best
            model is chosen by validation accuracy, never by test accuracy.</p>
            <h2>Comparison</h2><table><tr><th>model</th>
            """
        for dataset in report.datasets {
            page += "<th>\(e(dataset)): test accuracy</th><th>macro-F1</th><th>train s</th>"
        }
        page += "</tr>"
        for model in report.models {
            page += "<tr><td>\(e(model))</td>"
            for dataset in report.datasets {
                if let found = report.row(model: model, dataset: dataset) {
                    page +=
                        "<td>" + PipelineReport.format(found.testAccuracy, runs: found.runs.count) + "</td><td>"
                        + PipelineReport.format(found.macroF1, runs: found.runs.count)
                        + "</td><td>" + String(format: "%.1f", found.trainSeconds) + "</td>"
                } else {
                    page += "<td>—</td><td>—</td><td>—</td>"
                }
            }
            page += "</tr>"
        }
        page += "</table>"
        for row in report.rows {
            page +=
                "<h3>\(e(row.entry.model)) on \(e(row.entry.dataset))</h3><p>\(e(row.manifest.architecture.summary)), "
                + "feature <code>\(e(row.manifest.feature.rawValue))</code>, \(row.manifest.parameterCount) real parameters, "
                + "kept epoch \(row.manifest.keptEpoch) of \(row.manifest.epochs)"
                + (row.runs.count > 1 ? "; figures of the first of \(row.runs.count) runs" : "") + ".</p>"
            if let test = row.test {
                page +=
                    "<figure>"
                    + ConfusionMatrixSVG.render(test.confusion, labels: row.manifest.labels, title: "test tracks")
                    + "</figure>"
            }
            page +=
                "<figure>"
                + SVGCharts.lines(
                    [
                        .init(name: "train", values: row.log.map(\.trainAccuracy)),
                        .init(name: "validation", values: row.log.map(\.validationAccuracy)),
                    ], title: "accuracy (segments)", xLabel: "epoch", yRange: 0...1) + "</figure>"
            page +=
                "<figure>"
                + SVGCharts.lines(
                    [
                        .init(name: "train", values: row.log.map(\.trainLoss)),
                        .init(name: "validation", values: row.log.map(\.validationLoss)),
                    ], title: "loss", xLabel: "epoch") + "</figure>"
        }
        if let examples = report.spec.examples, !examples.isEmpty {
            page += "<h2>Examples</h2>"
            for path in examples {
                page += (try? ExampleImages.html(for: path)) ?? "<p>\(e(path)): could not be read</p>"
            }
        }
        if let best {
            page +=
                "<h2>Best model</h2><p>Copied to <code>\(e(best.path))</code>"
                + (report.spec.default.map { " and linked as <code>\(e($0))</code>" } ?? "") + ".</p>"
        }
        if !predictions.isEmpty {
            page +=
                "<table><tr><th>file</th><th>predicted</th><th>probability</th><th>windows</th><th>unlike the training data</th></tr>"
            for p in predictions {
                let unlike = p.outOfDistribution.map { $0.unlike ? "yes" : "no" } ?? "?"
                page +=
                    "<tr><td>\(e(p.path))</td><td>\(e(p.label))</td><td>\(String(format: "%.3f", p.confidence))</td><td>\(p.windows)</td><td>\(unlike)</td></tr>"
            }
            page += "</table>"
        }
        page += "<h2>Steps</h2><table><tr><th>step</th><th>command</th><th>seconds</th></tr>"
        for outcome in outcomes {
            page +=
                "<tr><td>\(e(outcome.name))</td><td style=\"text-align:left\"><code>audiocls \(e(outcome.arguments.joined(separator: " ")))</code>"
                + "\(outcome.ran ? "" : " (up to date)")</td><td>\(String(format: "%.1f", outcome.seconds))</td></tr>"
        }
        return page + "</table></body></html>\n"
    }
}
