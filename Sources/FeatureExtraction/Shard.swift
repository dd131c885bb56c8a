import ClassifierSupport
import Datasets
import Foundation

/// A deterministic share of a batch for one of `count` workers (Slurm array task, Kubernetes
/// indexed job): `shard: I/N` with `0 ≤ I < N`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `I/N`; throws a message quoting the value when it is not `0 ≤ I < N`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, i >= 0, i < n else {
            throw .malformed(text)
        }
        index = i
        count = n
    }

    /// `--shard auto`: the shard a job scheduler assigned to this process. Slurm job arrays: task
    /// `SLURM_ARRAY_TASK_ID` of the range `SLURM_ARRAY_TASK_MIN`…`MAX` in steps of
    /// `SLURM_ARRAY_TASK_STEP` is shard `(ID − MIN) / STEP` of `SLURM_ARRAY_TASK_COUNT` (so
    /// `--array=0-3`, `--array=1-4` and `--array=1-7:2` all give shards 0…3 of 4; an irregular
    /// list such as `--array=1,3,8` is rejected, as it has no such numbering); Kubernetes indexed
    /// jobs: `JOB_COMPLETION_INDEX` of `count` (the job's `completions`, which Kubernetes does not
    /// export). `count`, when given, also overrides Slurm's count. Throws naming what is missing.
    public init(environment: [String: String], count: Int? = nil) throws(ShardError) {
        let number = { (name: String) in environment[name].flatMap(Int.init) }
        if let id = number("SLURM_ARRAY_TASK_ID") {
            let minimum = number("SLURM_ARRAY_TASK_MIN") ?? 0
            let step = max(number("SLURM_ARRAY_TASK_STEP") ?? 1, 1)
            let tasks = number("SLURM_ARRAY_TASK_COUNT")
            guard let total = count ?? tasks else {
                throw .slurmCountMissing
            }
            // An irregular list (--array=1,3,8) has fewer tasks than its range MIN…MAX:STEP spans.
            let span = number("SLURM_ARRAY_TASK_MAX").map { ($0 - minimum) / step + 1 }
            guard span == nil || tasks == nil || span == tasks, (id - minimum) % step == 0 else {
                throw .irregularArray(taskID: id, tasks: total)
            }
            try self.init(parsing: "\((id - minimum) / step)/\(total)")
        } else if let index = number("JOB_COMPLETION_INDEX") {
            guard let count else {
                throw .completionsMissing
            }
            try self.init(parsing: "\(index)/\(count)")
        } else {
            throw .noEnvironment
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
