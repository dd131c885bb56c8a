import ArgumentParser
import ComplexNN

extension AudioCLS {
    /// The entry point: applies the process-wide tuning the library leaves to its programs
    /// (``ProcessTuning/apply()``: glibc keeps freed memory, OpenBLAS single-threaded) once, then
    /// parses the arguments and runs the command.
    static func main() async {
        ProcessTuning.apply()
        await main(nil)
    }
}
