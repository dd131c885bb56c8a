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
    /// Why each track left out was left out (a key of ``excluded``), by path.
    let reasons: [String: String]

    public var scored: Int { items.count }
    public var excludedTotal: Int { excluded.values.reduce(0, +) }

    /// Chooses among the bundle's recorded tracks (`candidates` nil) or among `candidates`, whose
    /// content hashes `contentHashes` gives (called only when the bundle has hashes). A track whose
    /// content the bundle recorded under several roles (the same audio in two files) takes the one
    /// the model knew it in best: train, then validation, then test.
    public init(
        _ manifest: BundleManifest, modelPath: String, candidates: [DatasetItem]?, split: EvaluationSplit,
        contentHashes: ([DatasetItem]) throws -> [String]
    ) throws {
        let items = candidates ?? manifest.items(manifest.split)
        let hashed = !manifest.split.isEmpty && manifest.split.allSatisfy { $0.contentHash != nil }
        var warnings: [String] = []
        let recorded: [DatasetSplit?]
        if hashed {
            // Identical content under two names (a file copied into two sources) takes the role in
            // which the model knew it best: a test copy of a training track is not new to it.
            let byHash = Dictionary(manifest.split.map { ($0.contentHash!, $0.split) }) { a, b in
                [DatasetSplit.train, .validation].first { $0 == a || $0 == b } ?? a
            }
            let hashes = try candidates.map(contentHashes) ?? manifest.split.map { $0.contentHash! }
            recorded = hashes.map { byHash[$0] ?? nil }
        } else if candidates == nil {
            recorded = items.map(\.split)
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
        var chosen: [DatasetItem] = [], excluded: [String: Int] = [:], reasons: [String: String] = [:]
        func exclude(_ item: DatasetItem, as reason: String) {
            excluded[reason, default: 0] += 1
            reasons[item.path] = reason
        }
        for (item, bundleRole) in zip(items, recorded) {
            guard let label = item.label, manifest.labels.contains(label) else {
                exclude(item, as: item.label == nil ? "unlabelled" : "unknown label")
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
            if wanted { chosen.append(item) } else { exclude(item, as: role.rawValue) }
        }
        if split == .all {
            warnings.append(
                "--split all scores tracks the model trained and validated on; the numbers overstate how it does on new audio"
            )
        }
        (self.split, self.items, self.excluded, self.warnings) = (split, chosen, excluded, warnings)
        matchedBy = candidates == nil ? "bundle" : hashed ? "contentHash" : "path"
        self.reasons = reasons
    }

    private init(
        split: EvaluationSplit, items: [DatasetItem], excluded: [String: Int], matchedBy: String, warnings: [String],
        reasons: [String: String]
    ) {
        (self.split, self.items, self.excluded, self.matchedBy) = (split, items, excluded, matchedBy)
        (self.warnings, self.reasons) = (warnings, reasons)
    }

    /// The tracks that every one of `selections` — made of the same candidate tracks, one per
    /// model used together — scores, in the first's order: a track counts only when it is of the
    /// split for every model (by default: none of them trained or validated on it). A track left
    /// out is counted under the first reason a selection gives for leaving it out.
    public static func common(_ selections: [EvaluationSelection]) -> EvaluationSelection {
        let first = selections[0]
        var items: [DatasetItem] = [], excluded = first.excluded, reasons = first.reasons
        for item in first.items {
            if let reason = selections.dropFirst().lazy.compactMap({ $0.reasons[item.path] }).first {
                excluded[reason, default: 0] += 1
                reasons[item.path] = reason
            } else {
                items.append(item)
            }
        }
        var warnings: [String] = []
        for warning in selections.flatMap(\.warnings) where !warnings.contains(warning) { warnings.append(warning) }
        return EvaluationSelection(
            split: first.split, items: items, excluded: excluded, matchedBy: first.matchedBy, warnings: warnings,
            reasons: reasons)
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
