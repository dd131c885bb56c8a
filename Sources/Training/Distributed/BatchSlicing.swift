import ComplexNN

/// How a global batch is cut into `count` contiguous slices and which rank computes which.
///
/// Slice s of a batch of n samples holds samples ⌊s·n/count⌋ ..< ⌊(s+1)·n/count⌋ (sizes differ
/// by at most one; a slice is empty when n < count). Rank r of `ranks` computes slices
/// r, r + ranks, r + 2·ranks, …, so `count` must be a multiple of `ranks`.
struct BatchSlicing: Equatable {
    let count: Int

    /// The sample positions of slice `slice` in a batch of `batchSize` samples.
    func range(_ slice: Int, batchSize: Int) -> Range<Int> {
        (slice * batchSize / count)..<((slice + 1) * batchSize / count)
    }

    /// The slices rank `rank` of `ranks` computes.
    func slices(ofRank rank: Int, ranks: Int) -> StrideTo<Int> {
        stride(from: rank, to: count, by: ranks)
    }
}

extension Tensor {
    /// Samples `range` of a batch `[N, …]` (no autograd history; the tensor itself for all rows).
    func samples(_ range: Range<Int>) -> Tensor {
        guard range != 0..<shape[0] else { return self }
        let size = count / max(shape[0], 1), span = (range.lowerBound * size)..<(range.upperBound * size)
        return Tensor(
            shape: [range.count] + shape.dropFirst(), real: Array(real[span]),
            imaginary: imaginary.map { Array($0[span]) })
    }
}
