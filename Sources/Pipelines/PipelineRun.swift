import Bundles
import Foundation
import Inference
import Logging
import NumPyIO

extension PipelineRunner {
    /// Runs the steps, then the report: logs the comparison table, promotes the
    /// best model, predicts the report's files with it, and writes `<output>/report.html`.
    /// Returns the report's URL (nil for a pipeline without a report).
    public func runWithReport(
        pipelinePath: String, execute: (PipelineSpec.Step) throws -> Void
    ) throws -> URL? {
        let log = Logger.pipelines
        let outcomes = try run(execute: execute)
        guard let reportSpec = spec.report else { return nil }
        let report = try PipelineReport(reportSpec)
        log.info("\n\(report.table)\n")
        for line in report.phaseLines { log.info("magnitude vs phase, \(line)") }
        let best = try report.promoteBest()
        var predictions: [Prediction] = []
        if best == nil, let name = reportSpec.best, let dataset = reportSpec.bestOf {
            log.warning("no model on \(dataset) has a validation split to choose by: nothing promoted to \(name)")
        }
        if let best {
            let link = reportSpec.default.map { " (linked as \($0))" } ?? ""
            log.info("best model on \(reportSpec.bestOf ?? "?"): \(report.best!.entry.model) → \(best.path)\(link)")
            let bundles = try ModelCombination.bundles(at: best.path).map(\.bundle)
            let predict: (URL) throws -> Prediction =
                bundles.count == 1
                ? try Predictor(bundle: bundles[0]).predict : try CombinedPredictor(bundles: bundles).predict
            for path in reportSpec.predict ?? [] {
                let prediction = try predict(URL(fileURLWithPath: path))
                log.info("predict \(path): \(prediction.label)")
                predictions.append(prediction)
            }
        }
        let url = URL(fileURLWithPath: spec.output).appendingPathComponent("report.html")
        let html = ReportPage.html(
            report: report, pipeline: pipelinePath, outcomes: outcomes, predictions: predictions, best: best)
        try AtomicFile.write(Array(html.utf8), to: url)
        log.info("report: \(url.path)")
        return url
    }
}
