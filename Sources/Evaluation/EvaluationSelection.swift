import Bundles
import Datasets
import Foundation
import Models

/// Which tracks `audiocls evaluate --split` scores.
public enum EvaluationSplit: String, CaseIterable, Codable, Sendable {
    /// Tracks the model neither trained nor validated on: its test tracks and tracks it never saw.
    case test
    /// Its validation tracks.
    case val
    /// Its training tracks.
    case train
    /// Everything, training tracks included (the numbers then overstate how it does on new audio).
    case all
}

/// The tracks an evaluation scores and those it leaves out, and why.
///
/// A track's role is the split the bundle recorded for it — matched by content hash, so a moved
/// or re-listed dataset is still recognised (format-1 bundles, which have no hashes, match by
/// path) — or else the split column of the dataset's manifest, or else none (a track the
/// bundle never saw, which counts as test).
public struct EvaluationSelection: Sendable, Encodable {
    public let split: EvaluationSplit
    /// The tracks to score.
    public let items: [DatasetItem]
    /// Tracks left out, by role (`train`, `validation`, `test`), and those without a label the
    /// model knows (`unknown label`, `unlabelled`).
    public let excluded: [String: Int]
    /// `contentHash`, or `path` for a format-1 bundle.
    public let matchedBy: String
    /// What the user should know about the selection (scoring training tracks, matching by
    /// path); ``BundleEvaluation/select(_:datasets:split:cache:)`` logs them as warnings.
    public let warnings: [String]

    public var scored: Int { items.count }
    public var excludedTotal: Int { excluded.values.reduce(0, +) }

    /// Chooses among the bundle's recorded tracks (`candidates` nil) or among `candidates`, whose
    /// content hashes `contentHashes` gives (called only when the bundle has hashes).
    public init(
        _ manifest: BundleManifest, modelPath: String, candidates: [DatasetItem]?, split: EvaluationSplit,
        contentHashes: ([DatasetItem]) throws -> [String]
    ) throws {
        let items = candidates ?? manifest.items(manifest.split)
        let hashed = !manifest.split.isEmpty && manifest.split.allSatisfy { $0.contentHash != nil }
        var warnings: [String] = []
        let recorded: [DatasetSplit?]
        if candidates == nil {
            recorded = items.map(\.split)
        } else if hashed {
            let byHash = Dictionary(manifest.split.map { ($0.contentHash!, $0.split) }) { first, _ in first }
            recorded = try contentHashes(items).map { byHash[$0] ?? nil }
        } else {
            let byPath = Dictionary(
                manifest.split.map {
                    (URL(fileURLWithPath: manifest.location(of: $0)).standardizedFileURL.path, $0.split)
                }
            ) { first, _ in first }
            recorded = items.map { byPath[$0.path] ?? nil }
            warnings.append(
                "\(modelPath)/model.json (format \(manifest.formatVersion)) records no content hashes: tracks are matched by path, so a moved dataset is not recognised"
            )
        }
        var chosen: [DatasetItem] = [], excluded: [String: Int] = [:]
        for (item, bundleRole) in zip(items, recorded) {
            guard let label = item.label, manifest.labels.contains(label) else {
                excluded[item.label == nil ? "unlabelled" : "unknown label", default: 0] += 1
                continue
            }
            let role = bundleRole ?? item.split ?? .test
            let wanted: Bool =
                switch split {
                case .all: true
                case .test: role == .test
                case .val: role == .validation
                case .train: role == .train
                }
            if wanted { chosen.append(item) } else { excluded[role.rawValue, default: 0] += 1 }
        }
        if split == .all {
            warnings.append(
                "--split all scores tracks the model trained and validated on; the numbers overstate how it does on new audio"
            )
        }
        (self.split, self.items, self.excluded, self.warnings) = (split, chosen, excluded, warnings)
        matchedBy = candidates == nil ? "bundle" : hashed ? "contentHash" : "path"
    }

    enum CodingKeys: String, CodingKey { case split, scored, excluded, matchedBy, warnings }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(split, forKey: .split)
        try c.encode(scored, forKey: .scored)
        try c.encode(excluded, forKey: .excluded)
        try c.encode(matchedBy, forKey: .matchedBy)
        try c.encode(warnings, forKey: .warnings)
    }

    /// `scored 6 tracks (split test); excluded 18: train 15, validation 3`.
    public var summary: String {
        let parts = excluded.keys.sorted().map { "\($0) \(excluded[$0]!)" }
        return "scored \(scored) tracks (split \(split.rawValue)); excluded \(excludedTotal)"
            + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }
}

/// What `audiocls evaluate --json` prints: the metrics (``TrackEvaluation``'s keys at the top
/// level) and the `selection` (scored and excluded counts).
public struct EvaluationReport: Encodable, Sendable {
    public let evaluation: TrackEvaluation
    public let selection: EvaluationSelection

    public init(evaluation: TrackEvaluation, selection: EvaluationSelection) {
        (self.evaluation, self.selection) = (evaluation, selection)
    }

    enum CodingKeys: String, CodingKey { case selection }

    public func encode(to encoder: any Encoder) throws {
        try evaluation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(selection, forKey: .selection)
    }
}
