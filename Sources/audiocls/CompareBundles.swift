import ArgumentParser
import Bundles
import Foundation
import Logging

extension AudioCLS {
    /// `audiocls compare-bundles A B --max-relative-difference X --max-test-difference N`: the
    /// check scripts/ci-mpi runs on a single-process and an MPI bundle (hidden from help).
    struct CompareBundles: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            commandName: "compare-bundles",
            abstract: "Compare two bundles' weights and test results; fail beyond the given tolerances.",
            shouldDisplay: false)

        @Argument(help: "The reference bundle folder.") var reference: String
        @Argument(help: "The bundle to check against it.") var candidate: String
        @Option(help: "Largest allowed max|a − b| / max|a| over the tensors.") var maxRelativeDifference: Double
        @Option(help: "Largest allowed difference in correctly classified test segments.") var maxTestDifference = 0
        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let comparison = try BundleComparison(
                ModelBundle(directory: URL(fileURLWithPath: reference)),
                ModelBundle(directory: URL(fileURLWithPath: candidate)))
            var line =
                String(format: "weights: max relative difference %.3g", comparison.maxRelativeDifference)
                + " (\(comparison.worstTensor))"
            if let (a, b) = comparison.testSegmentsCorrect { line += "; test segments correct: \(a) vs \(b)" }
            print(line)
            let testDifference = comparison.testSegmentsCorrect.map { abs($0.0 - $0.1) } ?? 0
            guard comparison.maxRelativeDifference <= maxRelativeDifference, testDifference <= maxTestDifference else {
                Logger.cli.error(
                    "\(candidate) differs from \(reference) beyond --max-relative-difference \(maxRelativeDifference) / --max-test-difference \(maxTestDifference)"
                )
                throw ExitCode.failure
            }
        }
    }
}
