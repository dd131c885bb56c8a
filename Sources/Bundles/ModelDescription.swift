/// Which model answered and what it knows: printed with every prediction.
public struct ModelDescription: Codable, Sendable, Equatable {
    /// The bundle folder as given.
    public let path: String
    /// The first 8 hex digits of the weights' SHA-256.
    public let id: String
    public let classes: [String]
    /// The dataset's name (its folder), or `nil` for a format-1 bundle.
    public let dataset: String?
    /// Tracks it was trained, validated and tested on.
    public let tracks: Int
    /// Track accuracy (mean probability) on its test tracks, and how many there were.
    public let testAccuracy: Double?
    public let testTracks: Int?
    /// Networks averaged, for an ensemble (`nil` for a single model).
    public let members: Int?
    /// Bundles averaged, for models used together (`nil` for one bundle).
    public let models: Int?

    public init(_ bundle: ModelBundle, path: String) {
        let m = bundle.manifest
        self.path = path
        id = bundle.shortID
        classes = m.labels
        dataset = m.dataset?.name
        tracks = m.split.count
        testAccuracy = m.test?.tracksByMeanProbability.accuracy
        testTracks = m.test?.tracksByMeanProbability.total
        members = m.memberCount > 1 ? m.memberCount : nil
        models = nil
    }

    /// Bundles used together: `path` and `id` join theirs with ` + ` and `+`, the classes are the
    /// first's (all share them), the dataset and tracks the first's; no test accuracy (the
    /// average's is what `evaluate` with the same models measures).
    public init(combining bundles: [ModelBundle], paths: [String]) {
        let first = ModelDescription(bundles[0], path: paths[0])
        path = paths.joined(separator: " + ")
        id = bundles.map(\.shortID).joined(separator: "+")
        (classes, dataset, tracks) = (first.classes, first.dataset, first.tracks)
        (testAccuracy, testTracks) = (nil, nil)
        members = nil
        models = bundles.count > 1 ? bundles.count : nil
    }

    /// `models/demo (id 1a2b3c4d): classes a, b; trained on genres (120 tracks), test accuracy 0.960 on 24 tracks`;
    /// an ensemble's id reads `(id 1a2b3c4d, ensemble of 3)`.
    public var summary: String {
        let ensemble = members.map { ", ensemble of \($0)" } ?? ""
        let noun = models == nil ? "model" : "models", averaged = models.map { ", average of \($0) models" } ?? ""
        var text =
            "\(noun) \(path) (id \(id)\(ensemble)\(averaged)): classes \(classes.joined(separator: ", ")); trained on \(dataset ?? "a dataset") (\(tracks) tracks)"
        if models != nil {
            text += "; the average's test accuracy: `audiocls evaluate` with the same --model options"
        } else if let testAccuracy, let testTracks {
            text += ", test accuracy " + String(format: "%.3f", testAccuracy) + " on \(testTracks) tracks"
        } else {
            text += ", no test tracks"
        }
        return text
    }
}
