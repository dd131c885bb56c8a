import Logging

extension Logger {
    /// The commands' own messages: failures of single inputs, closing summaries, `Error:` lines.
    static let cli = Logger(label: "audiocls")
}
