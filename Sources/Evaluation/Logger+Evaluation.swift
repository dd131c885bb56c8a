import Logging

extension Logger {
    /// `evaluate`: warnings about what is scored (training tracks, tracks matched by path) and
    /// debug detail (settings hash, cache use, timings).
    static let evaluation = Logger(label: "audiocls.evaluation")
}
