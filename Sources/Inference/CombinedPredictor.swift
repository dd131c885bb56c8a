import Bundles
import Foundation

/// Several bundles used together (`predict --model A --model B …`): each scores the input as its
/// own ``Predictor`` does — its sample rate, feature, normalisation and windows — and the answer
/// comes from the mean of their class probabilities (in the first bundle's class order), so
/// models with different inputs or architectures combine. The input counts as unlike the
/// training data when any model finds it so; the familiarity reported is that of the model
/// whose score is highest relative to its threshold.
public struct CombinedPredictor {
    public private(set) var predictors: [Predictor]
    /// The classes, in the first bundle's order.
    public let labels: [String]
    /// How many of the most probable labels to report (at least 1).
    public var topK = 1
    /// Below this mean probability the label is ``Prediction/unknownLabel``.
    public var minimumConfidence: Float = 0

    /// - Throws: ``BundleError`` when the bundles' classes differ.
    public init(bundles: [ModelBundle]) throws {
        labels = try ModelBundle.commonLabels(bundles)
        predictors = try bundles.map { try Predictor(bundle: $0) }
    }

    /// Sets every model's seconds between window starts.
    public mutating func setHopSeconds(_ seconds: Double) {
        for k in predictors.indices { predictors[k].hopSeconds = seconds }
    }

    /// Predicts one file with every model.
    public func predict(_ url: URL) throws -> Prediction {
        try combine(url.path) { try $0.predict(url) }
    }

    /// Predicts audio held in memory with every model; `name` names it in messages.
    public func predict(data: Data, name: String) throws -> Prediction {
        try combine(name) { try $0.predict(data: data, name: name) }
    }

    private func combine(_ path: String, _ predict: (Predictor) throws -> Prediction) throws -> Prediction {
        let started = Date()
        let each = try predictors.map(predict)
        let probabilities = zip(predictors, each).map { predictor, p in
            predictor.bundle.probabilities(p.probabilities, inOrderOf: labels)
        }
        let mean = labels.indices.map { c in probabilities.reduce(0) { $0 + $1[c] } / Float(probabilities.count) }
        let verdicts = each.compactMap(\.outOfDistribution)
        let least = verdicts.max { $0.score / $0.threshold < $1.score / $1.threshold }
        let familiarity = least.map {
            Prediction.Familiarity(score: $0.score, threshold: $0.threshold, unlike: verdicts.contains(where: \.unlike))
        }
        return Prediction(
            path: path, labels: labels, probabilities: mean, topK: topK, minimumConfidence: minimumConfidence,
            windows: each.reduce(0) { $0 + $1.windows }, audioSeconds: each[0].audioSeconds,
            elapsedMS: Date().timeIntervalSince(started) * 1000, outOfDistribution: familiarity, timeline: nil)
    }
}
