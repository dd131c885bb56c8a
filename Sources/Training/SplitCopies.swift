import Datasets

/// The same audio under two names in two splits (a file copied into two sources, two recordings
/// with the same opening): the copy in the later split is not new to the model, so the figures of
/// that split leave it out (``TrainingData/leavingOut(_:)``). Found by content hash, after the
/// split is drawn.
struct SplitCopies {
    /// Each copy in validation or test, with a track of an earlier split (train, then validation)
    /// holding the same audio.
    let copies: [(copy: DatasetItem, original: DatasetItem)]
    /// Positions in `items` of the copies — tracks the validation and test figures leave out, as
    /// `audiocls evaluate` does: the model knew their audio from an earlier split.
    let positions: Set<Int>

    /// `items` (with their splits) and their content hashes, in the same order.
    init(items: [DatasetItem], hashes: [String]) {
        let order: [DatasetSplit] = [.train, .validation, .test]
        var first: [String: DatasetItem] = [:]
        for split in order {
            for (item, hash) in zip(items, hashes) where item.split == split && first[hash] == nil {
                first[hash] = item
            }
        }
        let found = zip(items.indices, hashes).compactMap { index, hash -> (Int, DatasetItem)? in
            guard let original = first[hash], let a = original.split, let b = items[index].split,
                order.firstIndex(of: a)! < order.firstIndex(of: b)!
            else { return nil }
            return (index, original)
        }
        copies = found.map { (items[$0.0], $0.1) }
        positions = Set(found.map(\.0))
    }

    /// The warning training logs, naming up to three copies; `nil` when there are none.
    var warning: String? {
        guard !copies.isEmpty else { return nil }
        let splits = Dictionary(grouping: copies) { $0.copy.split!.rawValue }.map { "\($1.count) \($0)" }.sorted()
        let named = copies.prefix(3).map { "\($0.copy.relativePath) = \($0.original.relativePath)" }
        let more = copies.count > 3 ? " and \(copies.count - 3) more" : ""
        let tracks = copies.count == 1 ? "1 track" : "\(copies.count) tracks"
        return
            "\(tracks) (\(splits.joined(separator: ", "))) hold the same audio as a track of an earlier split (\(named.joined(separator: "; "))\(more)): they are left out of the figures of their split, as `audiocls evaluate` leaves them out; give copies one group, or remove them"
    }
}
