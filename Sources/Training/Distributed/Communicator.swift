/// How values from all ranks are combined, element by element.
public enum Reduction: Sendable {
    case sum, max, min
}

/// The collective operations data-parallel training needs, over a fixed group of `size`
/// processes ("ranks") that all call the same operations in the same order.
///
/// ``SingleProcessCommunicator`` is the group of one; the MPI implementation (`audiocls` built
/// with the `MPI` trait) lives in the `MPISupport` target so that nothing else needs MPI.
public protocol Communicator: AnyObject {
    /// This process's index, 0..<size. Rank 0 writes logs, checkpoints and the bundle.
    var rank: Int { get }
    /// The number of processes.
    var size: Int { get }
    /// Replaces `values` on every rank by their element-wise combination over all ranks.
    /// Every rank must pass the same count.
    func allreduce(_ values: inout [Float], _ reduction: Reduction) throws
    /// The same in double precision (statistics, checksums).
    func allreduce(_ values: inout [Double], _ reduction: Reduction) throws
    /// Returns once every rank has called it.
    func barrier() throws
}

extension Communicator {
    /// Whether this process writes files and prints (rank 0).
    public var isRoot: Bool { rank == 0 }
}

/// The group of one process: every collective returns its input.
public final class SingleProcessCommunicator: Communicator {
    public init() {}
    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func allreduce(_ values: inout [Float], _ reduction: Reduction) {}
    public func allreduce(_ values: inout [Double], _ reduction: Reduction) {}
    public func barrier() {}
}

/// A failed collective operation or a disagreement between ranks.
public struct DistributedError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
