import Models

/// Models used together (`audiocls evaluate --model A --model B …`): each track's class
/// probabilities are the mean of the models' (each model's the mean over its own segments), and
/// the track is predicted as the most probable class. Beside it, each model alone on the same
/// tracks, so the table shows what averaging added.
public struct CombinedEvaluation: Codable, Sendable {
    /// The classes, in the first model's order.
    public let labels: [String]
    /// The combination's track metrics.
    public let tracks: MetricsSummary
    /// Each model alone, in the order given.
    public let members: [TrackEvaluation]
    /// Each scored track's averaged class probabilities, in `labels` order (not in the JSON).
    public var trackProbabilities: [[Float]] = []

    enum CodingKeys: String, CodingKey { case labels, tracks, members }

    public init(labels: [String], tracks: MetricsSummary, members: [TrackEvaluation], trackProbabilities: [[Float]]) {
        (self.labels, self.tracks, self.members) = (labels, tracks, members)
        self.trackProbabilities = trackProbabilities
    }
}

/// What `audiocls evaluate --model A --model B … --json` prints: `labels`, the average's `tracks`
/// metrics, `members` (each model alone, ``TrackEvaluation``'s keys) with the `models` in the same
/// order, and the `selection`.
public struct CombinedEvaluationReport: Encodable, Sendable {
    public let evaluation: CombinedEvaluation
    public let models: [String]
    public let selection: EvaluationSelection

    public init(evaluation: CombinedEvaluation, models: [String], selection: EvaluationSelection) {
        (self.evaluation, self.models, self.selection) = (evaluation, models, selection)
    }

    enum CodingKeys: String, CodingKey { case models, selection }

    public func encode(to encoder: any Encoder) throws {
        try evaluation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(models, forKey: .models)
        try c.encode(selection, forKey: .selection)
    }
}
