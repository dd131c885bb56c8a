import ClassifierSupport
import Datasets
import Foundation
import Models

/// Each scored track's prediction, as `audiocls evaluate --predictions FILE` writes it: the rows
/// behind the accuracy and the confusion matrix, so that the wrong tracks can be listed and read
/// by source.
public struct TrackPredictions: Sendable {
    /// The scored tracks, with their labels.
    public let items: [DatasetItem]
    /// The classes, in the order of `probabilities`' columns.
    public let labels: [String]
    /// Each track's class probabilities (the mean over its segments; for models used together,
    /// the mean of the models'), `[items.count][labels.count]`.
    public let probabilities: [[Float]]

    public init(items: [DatasetItem], labels: [String], probabilities: [[Float]]) {
        precondition(items.count == probabilities.count, "one probability row per track")
        (self.items, self.labels, self.probabilities) = (items, labels, probabilities)
    }

    /// CSV with a header: `path,group,label,predicted,correct,confidence`, then one `p_<class>`
    /// column per class (probabilities to 4 decimals; `group` empty for a track without one);
    /// rows in the order of `items`.
    public var csv: String {
        var lines = [
            csvLine(["path", "group", "label", "predicted", "correct", "confidence"] + labels.map { "p_" + $0 })
        ]
        for (item, p) in zip(items, probabilities) {
            let predicted = labels[SegmentClassifier.argmax(p)]
            lines.append(
                csvLine(
                    [
                        item.path, item.group ?? "", item.label ?? "", predicted, item.label == predicted ? "1" : "0",
                        Self.f4(p.max() ?? 0),
                    ] + p.map(Self.f4)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv`` to `url` atomically (a temporary file, then a rename).
    public func write(to url: URL) throws {
        try Data(csv.utf8).write(to: url, options: .atomic)
    }

    private static func f4(_ x: Float) -> String { String(format: "%.4f", x) }
}
