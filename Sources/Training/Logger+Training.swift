import Logging

extension Logger {
    /// Training's notes (data, model size, each epoch) and debug detail (settings hashes, cache
    /// use, timings).
    static let training = Logger(label: "audiocls.training")

    /// A logger that drops everything: MPI ranks other than 0 say nothing.
    static let silent = Logger(label: "audiocls.silent", factory: SwiftLogNoOpLogHandler.init)
}
