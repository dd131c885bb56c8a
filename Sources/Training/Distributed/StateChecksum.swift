import ComplexNN

/// A 64-bit FNV-1a hash of the bit patterns of a model's parameters and buffers (names in
/// ``Module/namedState()`` order): equal on two ranks exactly when their states are bit-identical
/// (up to hash collisions).
enum StateChecksum {
    static func of(_ model: any Module) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ values: [Float]) {
            for value in values {
                hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01b3
            }
        }
        for (_, tensor) in model.namedState() {
            mix(tensor.real)
            mix(tensor.imaginary ?? [])
        }
        return hash
    }

    /// Throws unless every rank holds the same state as the others (compared through the
    /// allreduce minimum and maximum of the checksum's two 32-bit halves).
    static func verifyIdentical(_ model: any Module, communicator: any Communicator, after stage: String) throws {
        guard communicator.size > 1 else { return }
        let hash = of(model)
        let halves = [Double(hash >> 32), Double(hash & 0xffff_ffff)]
        var (low, high) = (halves, halves)
        try communicator.allreduce(&low, .min)
        try communicator.allreduce(&high, .max)
        guard low == high else {
            throw DistributedError(
                "the model parameters differ between ranks \(stage) (rank \(communicator.rank) checksum \(String(hash, radix: 16))); check that every rank reads the same data and checkpoint"
            )
        }
    }
}
