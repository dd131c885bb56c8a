import ArgumentParser
import ComplexNN

extension AudioCLS {
    /// The entry point: applies the process-wide tuning the library leaves to its programs
    /// (``ProcessTuning/apply()``: glibc keeps freed memory, OpenBLAS single-threaded) once, then
    /// parses the arguments and runs the command; a failure's message names settings as flags
    /// (see ``OptionSpelling/spelt(_:)``).
    static func main() async {
        ProcessTuning.apply()
        do {
            var command = try parseAsRoot()
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
