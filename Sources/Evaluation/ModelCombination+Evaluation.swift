import Bundles
import ClassifierSupport
import FeatureExtraction
import Foundation
import Models

extension ModelCombination {
    /// The combination of `members` (bundles in folders of the combination's folder, trained on
    /// one split), with the average's figures on their validation and test tracks, found as
    /// `evaluate --split val|test` finds them; progress on each member's features in `style`.
    ///
    /// - Throws: ``BundleError`` when the members' classes differ or they were not trained on the
    ///   same split (a combination's validation figure would then be no one's validation).
    public static func evaluated(
        members: [(folder: String, bundle: ModelBundle)], cache: FeatureCache,
        progress style: ProgressReporter.Style
    ) throws -> ModelCombination {
        let bundles = members.map(\.bundle)
        let labels = try ModelBundle.commonLabels(bundles)
        let roles = { (bundle: ModelBundle) in
            Set(bundle.manifest.split.map { "\($0.contentHash ?? $0.path) \($0.split?.rawValue ?? "")" })
        }
        for bundle in bundles.dropFirst() where roles(bundle) != roles(bundles[0]) {
            throw BundleError(
                bundle.directory.path,
                "was not trained on the split of \(bundles[0].directory.path): models used together are trained on one split (same data, --seed and split options)"
            )
        }
        func figures(_ split: EvaluationSplit) throws -> MetricsSummary? {
            let selection = try BundleEvaluation.select(bundles, datasets: [], split: split, cache: cache)
            guard !selection.items.isEmpty else { return nil }
            return try BundleEvaluation.evaluate(bundles, items: selection.items, cache: cache) { k in
                ProgressReporter(
                    total: selection.scored, style: style, label: "\(split.rawValue), model \(k + 1)/\(bundles.count): "
                )
            }.tracks
        }
        return ModelCombination(
            members: members.map(\.folder), labels: labels, validation: try figures(.val),
            test: try figures(.test))
    }
}
