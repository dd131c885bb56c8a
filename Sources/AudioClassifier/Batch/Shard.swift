import Foundation

/// A deterministic share of a batch for one of `count` workers (Slurm array task, Kubernetes
/// indexed job): `--shard I/N` with `0 ≤ I < N`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `I/N`; throws a message quoting the value when it is not `0 ≤ I < N`.
    public init(parsing text: String) throws(DatasetError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, i >= 0, i < n else {
            throw DatasetError("--shard \(text): expected I/N with 0 ≤ I < N, e.g. 0/4")
        }
        index = i
        count = n
    }

    public init(index: Int, count: Int) {
        precondition(count > 0 && index >= 0 && index < count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// The items of this shard. Every item goes to exactly one shard, balanced by `weight`
    /// (e.g. file size): items are taken heaviest first (ties by path) and each goes to the
    /// currently lightest shard (ties to the lowest index). The result keeps the input order.
    public func select(_ items: [DatasetItem], weight: (DatasetItem) -> Int) -> [DatasetItem] {
        indices(of: items, weight: weight).map { items[$0] }
    }

    /// The positions in `items` of this shard's items, ascending (see ``select(_:weight:)``).
    public func indices(of items: [DatasetItem], weight: (DatasetItem) -> Int) -> [Int] {
        let order = items.indices.sorted {
            let (a, b) = (weight(items[$0]), weight(items[$1]))
            return a != b ? a > b : items[$0].path < items[$1].path
        }
        var load = [Int](repeating: 0, count: count)
        var mine: [Int] = []
        for i in order {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[target] += max(weight(items[i]), 1)
            if target == index { mine.append(i) }
        }
        return mine.sorted()
    }
}
