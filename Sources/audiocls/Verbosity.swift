import ArgumentParser
import Logging

/// `--verbose` / `--quiet`: how much a command says on standard error (see ``StandardErrorLog``);
/// what it prints on standard output is the same either way. Every command that reports on
/// standard error takes this group.
struct Verbosity: ParsableArguments {
    @Flag(help: "Also print debug detail: settings hashes, cache use, timings.")
    var verbose = false

    @Flag(help: "Print only warnings and errors: no notes, no progress.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet contradict each other: give one of them") }
    }

    /// `.debug` (`--verbose`), `.warning` (`--quiet`), or nil when neither was given.
    var level: Logger.Level? { verbose ? .debug : quiet ? .warning : nil }
}

/// A command that reports on standard error, and so takes `--verbose` / `--quiet`.
protocol ReportsOnStandardError: ParsableCommand {
    var verbosity: Verbosity { get }
}
