/// What `predict` says about one input: the answer, how sure, how unlike the training data the
/// input is, and (optionally) the answer per window over time. Encoded for `--json` with
/// snake-case keys (`audio_seconds`, `elapsed_ms`).
public struct Prediction: Codable, Sendable {
    /// A label with its probability.
    public struct Ranked: Codable, Sendable, Equatable {
        public let label: String
        public let probability: Float
    }

    /// One scoring window of the timeline.
    public struct Window: Codable, Sendable, Equatable {
        /// Start and end in seconds of audio (the last window ends at the end of the audio).
        public let start: Double, end: Double
        public let label: String
        public let probability: Float
    }

    /// The out-of-distribution verdict (see ``OutOfDistributionModel``).
    public struct Familiarity: Codable, Sendable, Equatable {
        public let score: Double
        public let threshold: Double
        /// The score is above the threshold: the input is unlike the training data.
        public let unlike: Bool
    }

    public let path: String
    /// The label of the highest mean probability, or `unknown` when that probability is below
    /// the minimum confidence asked for.
    public let label: String
    /// The highest mean probability.
    public let confidence: Float
    /// The bundle's labels, in output order, and the mean probability of each over the windows.
    public let labels: [String]
    public let probabilities: [Float]
    /// The `k` most probable labels, most probable first.
    public let top: [Ranked]
    /// Windows scored (by every model, for models used together).
    public let windows: Int
    /// Length of the decoded audio in seconds.
    public let audioSeconds: Double
    /// Wall-clock milliseconds for decoding, features and the model.
    public let elapsedMS: Double
    /// `nil` for a bundle without training statistics (format 1).
    public let outOfDistribution: Familiarity?
    /// Per window, when asked for.
    public let timeline: [Window]?

    /// The label given when the confidence is below the minimum.
    public static let unknownLabel = "unknown"

    /// The answer from the mean class `probabilities` over the windows: the most probable label
    /// (``unknownLabel`` below `minimumConfidence`) and the `topK` most probable, ties to the
    /// earlier class.
    init(
        path: String, labels: [String], probabilities: [Float], topK: Int, minimumConfidence: Float, windows: Int,
        audioSeconds: Double, elapsedMS: Double, outOfDistribution: Familiarity?, timeline: [Window]?
    ) {
        let ranked = probabilities.indices.sorted {
            probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
        }
        let best = ranked[0]
        (self.path, self.labels, self.probabilities) = (path, labels, probabilities)
        label = probabilities[best] < minimumConfidence ? Self.unknownLabel : labels[best]
        confidence = probabilities[best]
        top = ranked.prefix(max(1, topK)).map { Ranked(label: labels[$0], probability: probabilities[$0]) }
        (self.windows, self.audioSeconds, self.elapsedMS) = (windows, audioSeconds, elapsedMS)
        (self.outOfDistribution, self.timeline) = (outOfDistribution, timeline)
    }
}
