import Foundation

/// A magnitude-only model beside its phase-aware counterpart on one dataset (a report's
/// `phase_pairs`), read on validation — where choices are made — with test shown after.
public struct PhaseComparison {
    public let dataset: String
    public let magnitude: PipelineReport.Row
    public let phase: PipelineReport.Row

    /// Whether phase pays here, from the validation track accuracy of both
    /// (``reading(magnitude:phase:runs:)``).
    public var reading: String {
        Self.reading(
            magnitude: magnitude.validation, phase: phase.validation,
            runs: min(magnitude.runs.count, phase.runs.count))
    }

    /// The sentence for validation accuracies (mean, sd over `runs` runs each, the fewer of the
    /// two): phase is *ahead* or *behind* when the means differ by more than the larger sd; else the
    /// difference is within one sd and phase does not clearly help. With one run there is no sd, and
    /// the sentence says so.
    public static func reading(
        magnitude: (mean: Double, sd: Double)?, phase: (mean: Double, sd: Double)?, runs: Int
    ) -> String {
        guard let magnitude, let phase else { return "no validation figures to compare: not judged" }
        let difference = phase.mean - magnitude.mean
        let points = String(format: "%+.1f points", 100 * difference)
        guard runs > 1 else {
            return difference > 0
                ? "phase-aware ahead on validation (\(points)), with a single run: no spread to judge it by"
                : "phase does not help here: \(points) on validation, with a single run"
        }
        let spread = max(magnitude.sd, phase.sd)
        if difference > spread { return "phase pays: \(points) on validation, more than one sd" }
        if -difference > spread { return "phase does not help here: \(points) on validation, more than one sd" }
        return "phase does not clearly help: \(points) on validation, within one sd"
    }
}

extension PipelineReport {
    /// Every `phase_pairs` entry on each dataset where both models were compared, in the order
    /// of the pairs, then of the datasets.
    public var phaseComparisons: [PhaseComparison] {
        (spec.phasePairs ?? []).flatMap { pair in
            datasets.compactMap { dataset in
                guard let magnitude = row(model: pair.magnitude, dataset: dataset),
                    let phase = row(model: pair.phase, dataset: dataset)
                else { return nil }
                return PhaseComparison(dataset: dataset, magnitude: magnitude, phase: phase)
            }
        }
    }

    /// One line per ``phaseComparisons`` entry for the terminal: the two models' validation and
    /// test figures and the reading; empty without pairs.
    public var phaseLines: [String] {
        phaseComparisons.map { c in
            let figures = { (row: Row) in
                "\(row.entry.model): validation \(Self.format(row.validation, runs: row.runs.count)), test \(Self.format(row.testAccuracy, runs: row.runs.count))"
            }
            return "\(c.dataset): \(figures(c.magnitude)) | \(figures(c.phase)) → \(c.reading)"
        }
    }
}
