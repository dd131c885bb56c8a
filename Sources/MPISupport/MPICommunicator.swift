#if MPI
    import Training
    import CMPI
    import Foundation

    /// ``Communicator`` over `MPI_COMM_WORLD` (Open MPI): one rank per process started by `mpirun`.
    final class MPICommunicator: Communicator {
        let rank: Int, size: Int

        /// Initialises MPI (once per process).
        init() throws {
            var initialized: Int32 = 0
            try Self.check(MPI_Initialized(&initialized), "MPI_Initialized")
            if initialized == 0 { try Self.check(MPI_Init(nil, nil), "MPI_Init") }
            var rank: Int32 = 0, size: Int32 = 0
            try Self.check(MPI_Comm_rank(cmpi_comm_world(), &rank), "MPI_Comm_rank")
            try Self.check(MPI_Comm_size(cmpi_comm_world(), &size), "MPI_Comm_size")
            (self.rank, self.size) = (Int(rank), Int(size))
        }

        func allreduce(_ values: inout [Float], _ reduction: Reduction) throws {
            try allreduce(&values, type: cmpi_float(), reduction)
        }

        func allreduce(_ values: inout [Double], _ reduction: Reduction) throws {
            try allreduce(&values, type: cmpi_double(), reduction)
        }

        func barrier() throws { try Self.check(MPI_Barrier(cmpi_comm_world()), "MPI_Barrier") }

        /// Ends MPI after the last collective.
        func finalize() { MPI_Finalize() }

        /// Prints `error` with this rank and ends every process of the job.
        func abortJob(_ error: any Error) -> Never {
            FileHandle.standardError.write(Data("Error (rank \(rank) of \(size)): \(error)\n".utf8))
            MPI_Abort(cmpi_comm_world(), 1)
            exit(1)
        }

        private func allreduce<Element>(_ values: inout [Element], type: MPI_Datatype, _ reduction: Reduction) throws {
            let operation: MPI_Op =
                switch reduction {
                case .sum: cmpi_sum()
                case .max: cmpi_max()
                case .min: cmpi_min()
                }
            try values.withUnsafeMutableBytes { buffer in
                try Self.check(
                    MPI_Allreduce(
                        cmpi_in_place(), buffer.baseAddress, Int32(buffer.count / MemoryLayout<Element>.stride), type,
                        operation, cmpi_comm_world()), "MPI_Allreduce")
            }
        }

        private static func check(_ status: Int32, _ function: String) throws {
            guard status == MPI_SUCCESS else { throw DistributedError("\(function) failed with MPI error \(status)") }
        }
    }
#endif
