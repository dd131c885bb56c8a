import COpenBLAS
import Dispatch
import Foundation

// Small loops shared by the ops, written over raw buffers so that release builds vectorise them
// (no bounds checks, no exclusivity checks per element).

/// An array of `count` floats whose every element `fill` writes (no zero-filling first).
func makeArray(count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

/// `count` floats of unspecified value, for outputs that a BLAS call with beta = 0 or a loop
/// writes completely.
func scratchArray(count: Int) -> [Float] { makeArray(count: count) { _ in } }

/// target += scale·source (BLAS `saxpy`).
func accumulate(_ source: [Float], into target: UnsafeMutableBufferPointer<Float>, scale: Float = 1) {
    precondition(source.count == target.count, "gradient size \(source.count) ≠ \(target.count)")
    guard !source.isEmpty else { return }
    source.withUnsafeBufferPointer { s in
        cblas_saxpy(Int32(source.count), scale, s.baseAddress!, 1, target.baseAddress!, 1)
    }
}

extension ChannelLayout {
    /// The sum of `plane` over every axis but 1: one value per channel (BLAS `sgemv` against a
    /// vector of ones for the per-block sums).
    func channelSums(_ plane: [Float]) -> [Float] {
        let blocks = batch * channels, ones = [Float](repeating: 1, count: inner)
        var blockSums = [Float](repeating: 0, count: blocks)
        plane.withUnsafeBufferPointer { a in
            cblas_sgemv(
                CblasRowMajor, CblasNoTrans, Int32(blocks), Int32(inner), 1, a.baseAddress!, Int32(inner),
                ones, 1, 0, &blockSums, 1)
        }
        var sums = [Float](repeating: 0, count: channels)
        for block in 0..<blocks { sums[block % channels] += blockSums[block] }
        return sums
    }

    /// Calls `body(channel, range)` for each contiguous run of one channel's elements
    /// (one per batch item and channel).
    func forEachBlock(_ body: (Int, Range<Int>) -> Void) {
        for block in 0..<(batch * channels) {
            body(block % channels, (block * inner)..<((block + 1) * inner))
        }
    }
}

/// Runs `body` on contiguous parts of 0..<count, concurrently on the available cores when
/// there are at least `minimumPart` elements per part (used for memory-bound sweeps such as
/// optimizer updates).
func parallelParts(count: Int, minimumPart: Int = 1 << 16, _ body: (Range<Int>) -> Void) {
    let parts = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / minimumPart))
    guard parts > 1 else { return body(0..<count) }
    withoutActuallyEscaping(body) { body in
        // The parts touch disjoint elements; callers pass buffers that outlive this call.
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            work((part * count / parts)..<((part + 1) * count / parts))
        }
    }
}

extension Tensor {
    /// Adds `scale` × the given gradient planes (the output gradient of a same-shaped op) to this
    /// tensor's gradient.
    func accumulateGrad(_ gradient: (real: [Float], imaginary: [Float]), scale: Float = 1) {
        guard requiresGrad else { return }
        if gradReal.isEmpty, scale == 1 {  // first arrival: share the buffer instead of 0 + g
            gradReal = gradient.real
            gradImaginary = gradient.imaginary
            return
        }
        accumulateGrad { gr, gi in
            accumulate(gradient.real, into: gr, scale: scale)
            if !gi.isEmpty { accumulate(gradient.imaginary, into: gi, scale: scale) }
        }
    }
}
