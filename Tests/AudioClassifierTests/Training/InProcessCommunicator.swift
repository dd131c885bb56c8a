import Foundation

@testable import ClassifierSupport
@testable import Training

/// `size` ranks as threads of this process, for testing the distributed code without MPI: each
/// collective waits for every rank and combines their values in rank order (as MPI does for a
/// sum of two ranks: commutative, so bit-identical).
final class InProcessGroup: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var contributions: [Any?]
    private var result: Any = ()
    private var arrived = 0, generation = 0

    init(size: Int) {
        self.size = size
        contributions = Array(repeating: nil, count: size)
    }

    /// The communicator of each rank.
    var ranks: [InProcessCommunicator] { (0..<size).map { InProcessCommunicator(group: self, rank: $0) } }

    /// Deposits `values` for `rank`, waits for all ranks and returns the combination of all.
    func exchange<Value>(_ values: Value, rank: Int, combine: ([Value]) -> Value) -> Value {
        condition.lock()
        defer { condition.unlock() }
        let round = generation
        contributions[rank] = values
        arrived += 1
        if arrived == size {
            result = combine(contributions.map { $0 as! Value })
            (arrived, generation) = (0, generation + 1)
            contributions = Array(repeating: nil, count: size)
            condition.broadcast()
        } else {
            while round == generation { condition.wait() }
        }
        return result as! Value
    }

    /// Runs `body` once per rank, each on its own thread, and returns the results in rank order
    /// (rethrowing the first rank's error).
    func run<Result: Sendable>(_ body: @escaping @Sendable (InProcessCommunicator) throws -> Result) throws
        -> [Result]
    {
        let results = Locked([Result?](repeating: nil, count: size)), errors = Locked([(Int, any Error)]())
        let done = DispatchGroup()
        for communicator in ranks {
            done.enter()
            Thread {
                do {
                    let value = try body(communicator)
                    results.withLock { $0[communicator.rank] = value }
                } catch { errors.withLock { $0.append((communicator.rank, error)) } }
                done.leave()
            }.start()
        }
        done.wait()
        if let (_, error) = errors.withLock({ $0.min { $0.0 < $1.0 } }) { throw error }
        return results.withLock { $0.map { $0! } }
    }
}

/// One rank of an ``InProcessGroup``.
final class InProcessCommunicator: Communicator, @unchecked Sendable {
    let group: InProcessGroup, rank: Int
    var size: Int { group.size }

    init(group: InProcessGroup, rank: Int) { (self.group, self.rank) = (group, rank) }

    func allreduce(_ values: inout [Float], _ reduction: Reduction) {
        values = group.exchange(values, rank: rank) { Self.combine($0, reduction) }
    }

    func allreduce(_ values: inout [Double], _ reduction: Reduction) {
        values = group.exchange(values, rank: rank) { Self.combine($0, reduction) }
    }

    func barrier() { _ = group.exchange(0, rank: rank) { _ in 0 } }

    private static func combine<T: FloatingPoint>(_ all: [[T]], _ reduction: Reduction) -> [T] {
        all.dropFirst().reduce(all[0]) { partial, next in
            zip(partial, next).map {
                switch reduction {
                case .sum: $0 + $1
                case .max: max($0, $1)
                case .min: min($0, $1)
                }
            }
        }
    }
}
