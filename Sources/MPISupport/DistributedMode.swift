import Foundation
import Training

/// How `audiocls train` runs: as one process, or as one rank of an MPI job
/// (`mpirun -np N audiocls train genre … --distributed mpi`).
public enum DistributedMode: String, CaseIterable, Sendable {
    case none, mpi

    /// Why an unavailable mode cannot run.
    static let missingTrait = DistributedError(
        "this audiocls was built without MPI; build with `swift build --traits MPI` (needs libopenmpi-dev)")

    /// Throws unless this binary can run this mode (`mpi` needs the `MPI` trait).
    public func checkAvailable() throws {
        #if !MPI
            if self == .mpi { throw Self.missingTrait }
        #endif
    }

    /// Runs `body` with this process's communicator. `mpi` initialises MPI before and finalises it
    /// after; when `body` throws, the error is printed with the rank and the whole job is
    /// aborted (the other ranks would otherwise wait forever in their next collective). Throws
    /// for `mpi` when this binary was built without the `MPI` trait.
    public func run(_ body: (any Communicator) throws -> Void) throws {
        switch self {
        case .none:
            try body(SingleProcessCommunicator())
        case .mpi:
            #if MPI
                let communicator = try MPICommunicator()
                do { try body(communicator) } catch { communicator.abortJob(error) }
                communicator.finalize()
            #else
                throw Self.missingTrait
            #endif
        }
    }
}
