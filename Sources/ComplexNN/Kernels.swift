import COpenBLAS

// Small loops shared by the ops, written over raw buffers so that release builds vectorise them
// (no bounds checks, no exclusivity checks per element).

/// An array of `count` floats whose every element `fill` writes (no zero-filling first).
func makeArray(count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

/// target += scale·source (BLAS `saxpy`).
func accumulate(_ source: [Float], into target: UnsafeMutableBufferPointer<Float>, scale: Float = 1) {
    precondition(source.count == target.count, "gradient size \(source.count) ≠ \(target.count)")
    guard !source.isEmpty else { return }
    source.withUnsafeBufferPointer { s in
        cblas_saxpy(Int32(source.count), scale, s.baseAddress!, 1, target.baseAddress!, 1)
    }
}

extension ChannelLayout {
    /// Calls `body(channel, range)` for each contiguous run of one channel's elements
    /// (one per batch item and channel).
    func forEachBlock(_ body: (Int, Range<Int>) -> Void) {
        for block in 0..<(batch * channels) {
            body(block % channels, (block * inner)..<((block + 1) * inner))
        }
    }
}

extension Tensor {
    /// Adds `scale` × the given gradient planes (the output gradient of a same-shaped op) to this
    /// tensor's gradient.
    func accumulateGrad(_ gradient: (real: [Float], imaginary: [Float]), scale: Float = 1) {
        accumulateGrad { gr, gi in
            accumulate(gradient.real, into: gr, scale: scale)
            if !gi.isEmpty { accumulate(gradient.imaginary, into: gi, scale: scale) }
        }
    }
}
