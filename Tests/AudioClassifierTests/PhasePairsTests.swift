import Foundation
import Testing

@testable import Pipelines

/// A report's `phase_pairs`: names checked against `compare`, and the reading that says whether
/// phase pays — on validation, against the spread over seeds.
@Suite struct PhasePairsTests {
    private func spec(pairs: String) throws(PipelineError) -> PipelineSpec {
        try PipelineSpec.parse(
            """
            name: p
            output: runs/p
            steps:
              - {name: a, run: "data synth runs/p/d", outputs: [runs/p/d/manifest.csv]}
            report:
              compare:
                - {dataset: d, model: "cnn (logmel)", bundle: runs/p/m}
                - {dataset: d, model: "cnn (logmel + coherence)", bundle: runs/p/c}
              phase_pairs:
            \(pairs)
            """, path: "p.yaml")
    }

    @Test func pairsNameModelsOfTheComparison() throws {
        let parsed = try spec(pairs: "    - {magnitude: \"cnn (logmel)\", phase: \"cnn (logmel + coherence)\"}")
        #expect(parsed.report?.phasePairs?.map(\.phase) == ["cnn (logmel + coherence)"])
        #expect(
            throws: PipelineError.unknownModel(
                path: "p.yaml", model: "cnn (pcen)", known: ["cnn (logmel)", "cnn (logmel + coherence)"])
        ) {
            try spec(pairs: "    - {magnitude: \"cnn (logmel)\", phase: \"cnn (pcen)\"}")
        }
        let typo = PipelineError.unknownKey(
            location: "p.yaml:10:35", key: "phaze", place: "in report.phase_pairs", valid: ["magnitude", "phase"])
        #expect(throws: typo) { try spec(pairs: "    - {magnitude: \"cnn (logmel)\", phaze: x}") }
    }

    @Test func theReadingWeighsTheDifferenceAgainstTheSpread() {
        let reading = PhaseComparison.reading
        #expect(
            reading((0.70, 0.01), (0.74, 0.02), 3) == "phase pays: +4.0 points on validation, more than one sd")
        #expect(
            reading((0.71, 0.08), (0.69, 0.06), 3)
                == "phase does not clearly help: -2.0 points on validation, within one sd")
        #expect(
            reading((0.75, 0.01), (0.70, 0.02), 3)
                == "phase does not help here: -5.0 points on validation, more than one sd")
        #expect(reading((0.70, 0), (0.72, 0), 1).hasSuffix("with a single run: no spread to judge it by"))
        #expect(
            reading((0.72, 0), (0.70, 0), 1) == "phase does not help here: -2.0 points on validation, with a single run"
        )
        #expect(reading(nil, (0.70, 0.01), 3) == "no validation figures to compare: not judged")
    }
}
