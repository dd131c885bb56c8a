import ArgumentParser
import Foundation

/// `--jobs N`, shared by the commands that work on several files or tracks at once: how many at a
/// time (default: the machine's processor count, which argument-parser cannot print itself).
struct JobsOption: ParsableArguments {
    @Option(name: .customLong("jobs"), help: "Files or tracks worked on in parallel. (default: number of cores)")
    var requested: Int?

    /// The parallelism to use.
    var count: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let requested, requested <= 0 { throw ValidationError("--jobs \(requested) must be positive") }
    }
}
