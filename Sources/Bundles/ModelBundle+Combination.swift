extension ModelBundle {
    /// The classes of bundles used together (`evaluate` and `predict` with several `--model`), in
    /// the first bundle's order. Their probabilities are averaged class by class, so every bundle
    /// must know the same classes (in any order).
    ///
    /// - Throws: ``BundleError`` naming the first bundle whose classes differ, and both lists.
    public static func commonLabels(_ bundles: [ModelBundle]) throws -> [String] {
        let first = bundles[0], labels = first.manifest.labels
        for bundle in bundles.dropFirst() where Set(bundle.manifest.labels) != Set(labels) {
            throw BundleError(
                bundle.directory.path,
                "classes \(bundle.manifest.labels.joined(separator: ", ")) differ from those of \(first.directory.path) (\(labels.joined(separator: ", "))): models are averaged class by class, so they need the same classes"
            )
        }
        return labels
    }

    /// Class probabilities in this bundle's label order, rearranged into the order of `labels`
    /// (the same classes, from ``commonLabels(_:)``).
    public func probabilities(_ values: [Float], inOrderOf labels: [String]) -> [Float] {
        labels.map { values[manifest.labels.firstIndex(of: $0)!] }
    }
}
