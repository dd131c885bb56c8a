import ClassifierSupport

/// Splits a dataset into train, validation and test **by group** (see ``DatasetItem/group``; a
/// track without a group is its own group): every track of a group, and so every segment, lands
/// in the same split. Stratified by label, reproducibly from a seed.
public struct TrackSplitter: Sendable {
    /// Fractions of each class's groups that go to validation and test, each in 0..<1, summing < 1.
    public let validationFraction: Double
    public let testFraction: Double

    /// Throws a ``ConfigurationError`` naming `val` (and quoting `test`) unless both are ≥ 0
    /// and sum to less than 1.
    public init(validation: Double = 0.1, test: Double = 0.2) throws(ConfigurationError) {
        guard validation >= 0, test >= 0, validation + test < 1 else {
            throw ConfigurationError(
                key: "val", value: "\(validation)", reason: "and test=\(test) must be ≥ 0 and sum to less than 1")
        }
        validationFraction = validation
        testFraction = test
    }

    /// The items with `split` set.
    ///
    /// - A split given by the dataset (a manifest's split column) is kept, and extends to the
    ///   group's other tracks; a group given two different splits is an error.
    /// - When the dataset names any test (validation) track, it names the whole test
    ///   (validation) set: the test (validation) fraction then applies to no other group.
    /// - The other groups are shuffled per label (a group's label: its most frequent one) with
    ///   `random` and cut by the fractions, rounding to the nearest group, keeping at least one
    ///   training group per label. With hold-out keys (``DatasetItem/holdOut``) the groups of a
    ///   label that share a key move together, and the fractions count these units, not groups.
    public func assign(_ items: [DatasetItem], using random: inout some RandomNumberGenerator) throws(DatasetError)
        -> [DatasetItem]
    {
        let groups = Dictionary(grouping: items.indices, by: { items[$0].groupKey })
        var given: [String: DatasetSplit] = [:]
        for (key, members) in groups {
            let splits = Set(members.compactMap { items[$0].split })
            guard splits.count <= 1 else {
                throw DatasetError(
                    "group '\(items[members[0]].group ?? key)' has tracks in several splits (\(splits.map(\.rawValue).sorted().joined(separator: ", "))); a group must stay on one side"
                )
            }
            given[key] = splits.first
        }
        let namesTest = given.values.contains(.test), namesValidation = given.values.contains(.validation)
        let open = try Self.units(items, groups: groups.filter { given[$0.key] == nil })
        let byLabel = Dictionary(grouping: open.keys, by: { open[$0]!.label })
        for label in byLabel.keys.sorted() {
            let members = byLabel[label]!.sorted().shuffled(using: &random)
            let n = Double(members.count)
            var testCount = namesTest ? 0 : Int((n * testFraction).rounded())
            var validationCount = namesValidation ? 0 : Int((n * validationFraction).rounded())
            while testCount + validationCount >= members.count && testCount + validationCount > 0 {
                if validationCount >= testCount { validationCount -= 1 } else { testCount -= 1 }
            }
            for (rank, unit) in members.enumerated() {
                let split: DatasetSplit =
                    rank < testCount ? .test : rank < testCount + validationCount ? .validation : .train
                for key in open[unit]!.groups { given[key] = split }
            }
        }
        return items.map { item in
            var copy = item
            copy.split = given[item.groupKey]
            return copy
        }
    }

    /// The fold (0..<count) of each item for K-fold cross-validation by group: per label (a
    /// group's most frequent one), the groups — or the units of a label's groups sharing a
    /// hold-out key — are shuffled with `random` and dealt to the folds in turn, so no group is in
    /// two folds and each label is spread evenly. Throws when a label has fewer groups (units)
    /// than folds (a fold would test none of it).
    public static func folds(_ items: [DatasetItem], count: Int, using random: inout some RandomNumberGenerator)
        throws(DatasetError) -> [Int]
    {
        precondition(count >= 2, "at least two folds")
        let units = try units(items, groups: Dictionary(grouping: items.indices, by: { items[$0].groupKey }))
        let byLabel = Dictionary(grouping: units.keys, by: { units[$0]!.label })
        var fold: [String: Int] = [:]
        for label in byLabel.keys.sorted() {
            let members = byLabel[label]!.sorted().shuffled(using: &random)
            guard members.count >= count else {
                let what = units.values.contains { $0.heldOutBy != nil } ? "hold-out value(s)" : "group(s)"
                throw DatasetError(
                    "folds \(count): label '\(label)' has only \(members.count) \(what); every fold needs one to test")
            }
            for (rank, unit) in members.enumerated() {
                for key in units[unit]!.groups { fold[key] = rank % count }
            }
        }
        return items.map { fold[$0.groupKey]! }
    }

    /// What a drawn split moves whole: one group, or a label's groups that share a hold-out key.
    private struct Unit {
        var label: String, groups: [String] = []
        /// The hold-out key, `nil` for a group of its own.
        var heldOutBy: String?
    }

    /// `groups` (group key → item indices) gathered into units by label and hold-out key; a group
    /// whose tracks carry different hold-out keys (or some none) is an error.
    private static func units(_ items: [DatasetItem], groups: [String: [Int]]) throws(DatasetError) -> [String: Unit] {
        var units: [String: Unit] = [:]
        for (key, members) in groups {
            let label = majorityLabel(members.map { items[$0].label ?? "" })
            let keys = Set(members.map { items[$0].holdOut })
            guard keys.count == 1, let heldOutBy = keys.first else {
                throw DatasetError(
                    "group '\(items[members[0]].group ?? key)' has tracks with different hold-out values (\(keys.map { $0 ?? "none" }.sorted().joined(separator: ", "))); a group must stay on one side"
                )
            }
            let unit = heldOutBy.map { "\(label)\u{1F}\($0)" } ?? key
            units[unit, default: Unit(label: label, heldOutBy: heldOutBy)].groups.append(key)
        }
        return units
    }

    /// The most frequent label (ties: the first in sorted order).
    private static func majorityLabel(_ labels: [String]) -> String {
        let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.keys.sorted().max { counts[$0]! < counts[$1]! }!
    }
}
