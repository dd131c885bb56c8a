import Bundles
import Charts
import Foundation
import Inference

/// The pipeline's HTML report: one self-contained page (inline SVG, no scripts, no network) with
/// the comparison table, each model's confusion matrix and learning curves, example spectrogram
/// and phase images, the best model's predictions and the steps that were run.
enum ReportPage {
    private static func e(_ text: String) -> String { SVGCharts.escape(text) }

    static func html(
        report: PipelineReport, pipeline: String, outcomes: [PipelineRunner.Outcome],
        predictions: [Prediction], best: URL?
    ) -> String {
        head(title: report.spec.title ?? pipeline, pipeline: pipeline) + comparisonTable(report)
            + phaseTable(report.phaseComparisons) + report.rows.map(modelSection).joined()
            + examples(report.spec.examples ?? [])
            + bestModel(best, linkedAs: report.spec.default) + predictionsTable(predictions) + stepsTable(outcomes)
            + "</body></html>\n"
    }

    /// The document head with its style sheet, the title and how to read the figures.
    private static func head(title: String, pipeline: String) -> String {
        """
        <!doctype html><html><head><meta charset="utf-8"><title>\(e(title))</title>
        <style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
        th:first-child,td:first-child{text-align:left}figure{display:inline-block;margin:6px;vertical-align:top}
        code{background:#f4f4f4;padding:1px 3px}</style></head><body>
        <h1>\(e(title))</h1>
        <p>Pipeline <code>\(e(pipeline))</code>, written \(ISO8601DateFormatter().string(from: Date())).
        Accuracy is by track (mean probability over a track's segments) on each dataset's held-out test tracks,
        for the weights the bundle keeps; mean ± sd over the seeds of a model trained with several. The best
        model is chosen by validation accuracy, never by test accuracy.</p>\n
        """
    }

    /// The models × datasets table: test accuracy, macro-F1 and training time per cell.
    private static func comparisonTable(_ report: PipelineReport) -> String {
        var table = "<h2>Comparison</h2><table><tr><th>model</th>"
        for dataset in report.datasets {
            table += "<th>\(e(dataset)): test accuracy</th><th>macro-F1</th><th>train s</th>"
        }
        table += "</tr>"
        for model in report.models {
            table += "<tr><td>\(e(model))</td>"
            for dataset in report.datasets {
                if let found = report.row(model: model, dataset: dataset) {
                    table +=
                        "<td>" + PipelineReport.format(found.testAccuracy, runs: found.runs.count) + "</td><td>"
                        + PipelineReport.format(found.macroF1, runs: found.runs.count)
                        + "</td><td>" + String(format: "%.1f", found.trainSeconds) + "</td>"
                } else {
                    table += "<td>—</td><td>—</td><td>—</td>"
                }
            }
            table += "</tr>"
        }
        return table + "</table>"
    }

    /// One model on one dataset: what it is, its confusion matrix and learning curves.
    private static func modelSection(_ row: PipelineReport.Row) -> String {
        let run = row.runs[0]
        let models = run.manifests.map { manifest in
            "\(e(manifest.architecture.summary)), feature <code>\(e(manifest.feature.rawValue))</code>, "
                + "\(manifest.parameterCount) real parameters, " + keptEpochs(manifest)
        }
        var section =
            "<h3>\(e(row.entry.model)) on \(e(row.entry.dataset))</h3><p>"
            + (run.combination == nil
                ? models[0]
                : "models used together (class probabilities averaged): " + models.joined(separator: "; ")
                    + "; curves of the first")
            + (row.runs.count > 1 ? "; figures of the first of \(row.runs.count) runs" : "") + ".</p>"
        if let test = row.test {
            section +=
                "<figure>"
                + ConfusionMatrixSVG.render(test.confusion, labels: row.manifest.labels, title: "test tracks")
                + "</figure>"
        }
        section +=
            "<figure>"
            + SVGCharts.lines(
                [
                    .init(name: "train", values: row.log.map(\.trainAccuracy)),
                    .init(name: "validation", values: row.log.map(\.validationAccuracy)),
                ], title: "accuracy (segments)", xLabel: "epoch", yRange: 0...1) + "</figure>"
        section +=
            "<figure>"
            + SVGCharts.lines(
                [
                    .init(name: "train", values: row.log.map(\.trainLoss)),
                    .init(name: "validation", values: row.log.map(\.validationLoss)),
                ], title: "loss", xLabel: "epoch") + "</figure>"
        return section
    }

    /// `kept epoch 12 of 20`; for an ensemble `ensemble of 3 (kept epochs 12, 9, 15 of 20, 20, 20;
    /// curves of the first)`.
    private static func keptEpochs(_ manifest: BundleManifest) -> String {
        guard let members = manifest.members else { return "kept \(manifest.keptEpochsText)" }
        return "ensemble of \(members.count) (kept \(manifest.keptEpochsText); curves of the first)"
    }

    /// Each magnitude-only model beside its phase-aware counterpart (`phase_pairs`): validation
    /// and test accuracy of both and whether phase pays (nothing without pairs).
    private static func phaseTable(_ comparisons: [PhaseComparison]) -> String {
        guard !comparisons.isEmpty else { return "" }
        var table =
            "<h2>Magnitude-only vs phase-aware</h2><p>Read on validation, where choices are made; test is shown after.</p>"
            + "<table><tr><th>dataset</th><th>magnitude-only</th><th>validation</th><th>test</th>"
            + "<th>phase-aware</th><th>validation</th><th>test</th><th>reading</th></tr>"
        for c in comparisons {
            table += "<tr><td>\(e(c.dataset))</td>"
            for row in [c.magnitude, c.phase] {
                table +=
                    "<td>\(e(row.entry.model))</td><td>\(PipelineReport.format(row.validation, runs: row.runs.count))</td>"
                    + "<td>\(PipelineReport.format(row.testAccuracy, runs: row.runs.count))</td>"
            }
            table += "<td>\(e(c.reading))</td></tr>"
        }
        return table + "</table>"
    }

    /// Spectrogram and phase images of the example files (nothing when there are none).
    private static func examples(_ paths: [String]) -> String {
        guard !paths.isEmpty else { return "" }
        return "<h2>Examples</h2>"
            + paths.map { (try? ExampleImages.html(for: $0)) ?? "<p>\(e($0)): could not be read</p>" }.joined()
    }

    /// Where the best model was copied (and linked), when one was.
    private static func bestModel(_ best: URL?, linkedAs link: String?) -> String {
        guard let best else { return "" }
        return "<h2>Best model</h2><p>Copied to <code>\(e(best.path))</code>"
            + (link.map { " and linked as <code>\(e($0))</code>" } ?? "") + ".</p>"
    }

    /// The best model's predictions (nothing when there are none).
    private static func predictionsTable(_ predictions: [Prediction]) -> String {
        guard !predictions.isEmpty else { return "" }
        var table =
            "<table><tr><th>file</th><th>predicted</th><th>probability</th><th>windows</th><th>unlike the training data</th></tr>"
        for p in predictions {
            let unlike = p.outOfDistribution.map { $0.unlike ? "yes" : "no" } ?? "?"
            table +=
                "<tr><td>\(e(p.path))</td><td>\(e(p.label))</td><td>\(String(format: "%.3f", p.confidence))</td><td>\(p.windows)</td><td>\(unlike)</td></tr>"
        }
        return table + "</table>"
    }

    /// The steps that were run (or found up to date) with their commands and times.
    private static func stepsTable(_ outcomes: [PipelineRunner.Outcome]) -> String {
        var table = "<h2>Steps</h2><table><tr><th>step</th><th>command</th><th>seconds</th></tr>"
        for outcome in outcomes {
            table +=
                "<tr><td>\(e(outcome.name))</td><td style=\"text-align:left\"><code>audiocls \(e(outcome.arguments.joined(separator: " ")))</code>"
                + "\(outcome.ran ? "" : " (up to date)")</td><td>\(String(format: "%.1f", outcome.seconds))</td></tr>"
        }
        return table + "</table>"
    }
}
