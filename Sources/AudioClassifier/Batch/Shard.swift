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

    /// `--shard auto`: the shard a job scheduler assigned to this process. Slurm job arrays:
    /// index `SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT` (so
    /// `--array=1-4` and `--array=0-3` both work); Kubernetes indexed jobs: `JOB_COMPLETION_INDEX`
    /// of `count` (the job's `completions`, which Kubernetes does not export). Throws naming what
    /// is missing.
    public init(environment: [String: String], count: Int? = nil) throws(DatasetError) {
        if let id = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) {
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            guard let total = count ?? environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                throw DatasetError(
                    "--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (give --shard-count)")
            }
            try self.init(parsing: "\(id - minimum)/\(total)")
        } else if let index = environment["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            guard let count else {
                throw DatasetError(
                    "--shard auto: JOB_COMPLETION_INDEX is set; give the job's completions as --shard-count")
            }
            try self.init(parsing: "\(index)/\(count)")
        } else {
            throw DatasetError("--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
        }
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
