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

/// `count` floats of unspecified value, for outputs that a BLAS call with beta = 0 or a loop
/// writes completely.
func scratchArray(count: Int) -> [Float] { makeArray(count: count) { _ in } }

/// `count` zeros, written by all cores for large arrays (gradient buffers, im2col matrices).
func zeroArray(count: Int) -> [Float] {
    makeArray(count: count) { buffer in
        parallelParts(count: count, minimumPart: 4 * parallelGrain) { part in
            (buffer.baseAddress! + part.lowerBound).initialize(repeating: 0, count: part.count)
        }
    }
}

/// Runs `body` with read-only buffers over four arrays (the planes of an op's input and of its
/// output gradient, say).
func withBuffers<R>(
    _ a: [Float], _ b: [Float], _ c: [Float], _ d: [Float],
    _ body: (
        UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>
    )
        -> R
) -> R {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeBufferPointer { c in d.withUnsafeBufferPointer { d in body(a, b, c, d) } }
        }
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

    /// `body(c)` for every channel c, concurrently for large tensors (`body` reads its channel's
    /// elements with ``forEach(inChannel:_:)``).
    func mapChannels<T>(_ body: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: channels) { values, initialized in
            parallelParts(count: channels, minimumPart: max(1, parallelGrain / max(perChannel, 1))) { part in
                for c in part { (values.baseAddress! + c).initialize(to: body(c)) }
            }
            initialized = channels
        }
    }

    /// Calls `body(channel, range)` for each contiguous run of one channel's elements
    /// (one per batch item and channel), concurrently on the cores when there are at least
    /// `grain` elements per core: `body` may write only the elements of its `range`.
    func forEachBlock(grain: Int = parallelGrain, _ body: (Int, Range<Int>) -> Void) {
        parallelParts(count: batch * channels, minimumPart: max(1, grain / max(inner, 1))) { blocks in
            for block in blocks { body(block % channels, (block * inner)..<((block + 1) * inner)) }
        }
    }
}

extension Tensor {
    /// Adds `scale` × the given gradient planes (the output gradient of a same-shaped op, as
    /// ``outputGrad`` gives them) to this tensor's gradient, if it requires one.
    package func accumulateGrad(_ gradient: (real: [Float], imaginary: [Float]), scale: Float = 1) {
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
