import Logging

extension Logger {
    /// Scanning inputs: with debug, how many audio files each folder gave and which files were
    /// skipped.
    static let datasets = Logger(label: "audiocls.datasets")
}
