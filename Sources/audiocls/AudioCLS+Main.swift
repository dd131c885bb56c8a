import ArgumentParser
import ComplexNN

extension AudioCLS {
    /// The entry point: applies the process-wide tuning the library leaves to its programs
    /// (``ProcessTuning/apply()``: glibc keeps freed memory, OpenBLAS single-threaded) and sends
    /// every log message to standard error (``StandardErrorLog``) once, then parses the arguments
    /// and runs the command at the level its `--verbose`/`--quiet` ask for; a failure's message
    /// names settings as flags (see ``OptionSpelling/spelt(_:)``).
    static func main() async {
        ProcessTuning.apply()
        StandardErrorLog.bootstrap()
        do {
            var command = try parseAsRoot()
            StandardErrorLog.adopt(command)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: OptionSpelling.spelt(error))
        }
    }
}
