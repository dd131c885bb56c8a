import Logging

extension Logger {
    /// `audiocls run`: each step's start or skip, the comparison table, the promoted model; with
    /// debug, why a step reruns and how long it took.
    static let pipelines = Logger(label: "audiocls.pipelines")
}
