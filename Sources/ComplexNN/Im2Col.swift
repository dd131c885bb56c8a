// The index map between an NCHW input and the im2col matrix of one of its batch items.

/// Index map between an NCHW input and the im2col matrices of its items, `[C·kh·kw, Ho·Wo]`
/// each: row (c, ki, kj), column (oh, ow) holds input (c, oh·sh − ph + ki·dh, ow·sw − pw + kj·dw),
/// or 0 where that lies in the padding.
struct Im2Col {
    let batch, channels, height, width, outHeight, outWidth: Int
    let geometry: ConvolutionGeometry

    /// The matrix rows C·kh·kw.
    var rows: Int { channels * geometry.kernel.height * geometry.kernel.width }
    /// The matrix columns Ho·Wo: the output positions of one item.
    var outArea: Int { outHeight * outWidth }

    /// Calls `body(matrixStart, inputStart, length)` for every run of item `item`'s matrix entries
    /// along one output row that read in-bounds input elements: matrix entries matrixStart + j
    /// read input inputStart + j·stride.width for j in 0..<length (input indices over the whole
    /// batch). The padding entries are the ones ``forEachPaddingRun(_:)`` gives.
    @inline(__always) func forEachRun(item n: Int, _ body: (Int, Int, Int) -> Void) {
        let g = geometry, sw = g.stride.width
        for c in 0..<channels {
            for ki in 0..<g.kernel.height {
                for kj in 0..<g.kernel.width {
                    let row = (c * g.kernel.height + ki) * g.kernel.width + kj
                    let (first, last) = inBoundsColumns(kj)
                    guard last >= first else { continue }
                    let plane = (n * channels + c) * height * width, offset = kj * g.dilation.width - g.padding.width
                    for oh in 0..<outHeight {
                        let h = oh * g.stride.height - g.padding.height + ki * g.dilation.height
                        guard h >= 0 && h < height else { continue }
                        body(
                            row * outArea + oh * outWidth + first, plane + h * width + first * sw + offset,
                            last - first + 1)
                    }
                }
            }
        }
    }

    /// The output columns first...last whose input column lies in 0..<width for kernel column `kj`
    /// (none when first > last).
    private func inBoundsColumns(_ kj: Int) -> (first: Int, last: Int) {
        let sw = geometry.stride.width, offset = kj * geometry.dilation.width - geometry.padding.width
        let first = offset >= 0 ? 0 : (sw - 1 - offset) / sw
        let last = width - 1 - offset >= 0 ? min(outWidth - 1, (width - 1 - offset) / sw) : -1
        return (first, last)
    }

    /// Calls `body(matrixStart, length)` for every run of an item's matrix entries that read
    /// padding — the entries ``forEachRun(item:_:)`` leaves out — so that only they need zeros.
    func forEachPaddingRun(_ body: (Int, Int) -> Void) {
        let g = geometry
        for row in 0..<rows {
            let (ki, kj) = (row % (g.kernel.height * g.kernel.width)).quotientAndRemainder(dividingBy: g.kernel.width)
            let (first, last) = inBoundsColumns(kj)
            for oh in 0..<outHeight {
                let start = row * outArea + oh * outWidth
                let h = oh * g.stride.height - g.padding.height + ki * g.dilation.height
                guard h >= 0 && h < height && last >= first else {
                    body(start, outWidth)
                    continue
                }
                if first > 0 { body(start, first) }
                if last < outWidth - 1 { body(start + last + 1, outWidth - 1 - last) }
            }
        }
    }

    /// Writes item `item`'s im2col matrix of `plane` (one plane of the NCHW input) at `cols`,
    /// with one more row holding `extraRow` in every column when given (a row of ones multiplies
    /// a bias column).
    func fill(
        item: Int, from plane: UnsafeBufferPointer<Float>, extraRow: Float?, into cols: UnsafeMutablePointer<Float>
    ) {
        if let extraRow { (cols + rows * outArea).initialize(repeating: extraRow, count: outArea) }
        if geometry.padding.height > 0 || geometry.padding.width > 0 {
            forEachPaddingRun { start, length in (cols + start).initialize(repeating: 0, count: length) }
        }
        let sw = geometry.stride.width, x = plane.baseAddress!
        forEachRun(item: item) { matrixStart, inputStart, length in
            if sw == 1 {
                (cols + matrixStart).initialize(from: x + inputStart, count: length)
            } else {
                for j in 0..<length { cols[matrixStart + j] = x[inputStart + j * sw] }
            }
        }
    }

    /// Adds item `item`'s im2col matrix (`[rows, Ho·Wo]` at `cols`) onto its input plane (col2im).
    func accumulate(item: Int, _ cols: UnsafePointer<Float>, into plane: UnsafeMutableBufferPointer<Float>) {
        let sw = geometry.stride.width
        forEachRun(item: item) { matrixStart, inputStart, length in
            if sw == 1 {
                for j in 0..<length { plane[inputStart + j] += cols[matrixStart + j] }
            } else {
                for j in 0..<length { plane[inputStart + j * sw] += cols[matrixStart + j] }
            }
        }
    }
}
