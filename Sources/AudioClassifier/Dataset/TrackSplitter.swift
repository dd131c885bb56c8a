/// Splits a dataset into train, validation and test **by track** (every segment of a track stays
/// in the track's split), stratified by label, reproducibly from a seed.
public struct TrackSplitter: Sendable {
    /// Fractions of each class's tracks that go to validation and test, each in 0..<1, summing < 1.
    public let validationFraction: Double
    public let testFraction: Double

    public init(validation: Double = 0.1, test: Double = 0.2) throws(DatasetError) {
        guard validation >= 0, test >= 0, validation + test < 1 else {
            throw DatasetError("--val \(validation) --test \(test): fractions must be ≥ 0 and sum to less than 1")
        }
        validationFraction = validation
        testFraction = test
    }

    /// The items with `split` set: a split already given (by a manifest) is kept; the others are
    /// shuffled per label with `random` and cut by the fractions, rounding to the nearest track,
    /// with at least one training track per label.
    public func assign(_ items: [DatasetItem], using random: inout some RandomNumberGenerator) -> [DatasetItem] {
        var result = items
        let unassigned = items.indices.filter { items[$0].split == nil }
        let labels = Set(unassigned.map { items[$0].label ?? "" }).sorted()
        for label in labels {
            let members = unassigned.filter { (items[$0].label ?? "") == label }.shuffled(using: &random)
            let n = Double(members.count)
            var testCount = Int((n * testFraction).rounded())
            var validationCount = Int((n * validationFraction).rounded())
            while testCount + validationCount >= members.count && testCount + validationCount > 0 {
                if validationCount >= testCount { validationCount -= 1 } else { testCount -= 1 }
            }
            for (rank, index) in members.enumerated() {
                result[index].split =
                    rank < testCount ? .test : rank < testCount + validationCount ? .validation : .train
            }
        }
        return result
    }
}
