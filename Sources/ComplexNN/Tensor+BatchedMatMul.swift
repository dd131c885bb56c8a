// Batched matrix product of 3-D tensors (one batched `splitGEMM`), for graph propagation over a
// batch of small dense adjacency matrices.

extension Tensor {
    /// The product of each pair of matrices: `self` `[batch, m, k]` · `other` `[batch, k, n]` →
    /// `[batch, m, n]`, both of one kind. No conjugation.
    /// Backward per item: g_A = G·Bᴴ, g_B = Aᴴ·G (the holomorphic rule conj(f′)·g as matrices).
    public func batchedMatmul(_ other: Tensor) -> Tensor {
        precondition(
            shape.count == 3 && other.shape.count == 3 && shape[0] == other.shape[0] && shape[2] == other.shape[1]
                && isComplex == other.isComplex,
            "batchedMatmul needs [b, m, k] · [b, k, n] of one kind, got \(shape) · \(other.shape)")
        let (batch, m, k, n) = (shape[0], shape[1], shape[2], other.shape[2])
        let a = ItemMatrices(real, imaginary, rows: m, columns: k),
            b = ItemMatrices(other.real, other.imaginary, rows: k, columns: n)
        var re = scratchArray(count: batch * m * n)
        var im: [Float]? = isComplex ? scratchArray(count: batch * m * n) : nil
        writePlanes(&re, &im) { multiplyItems(batch: batch, a, b, into: $0, $1, beta: 0) }
        return .result(shape: [batch, m, n], real: re, imaginary: im, parents: [self, other]) { out in
            let g = out.outputGrad
            let gradient = ItemMatrices(g.real, out.isComplex ? g.imaginary : nil, rows: m, columns: n)
            self.accumulateGrad { gr, gi in
                multiplyItems(
                    batch: batch, gradient, b.adjoint, into: gr.baseAddress!, out.isComplex ? gi.baseAddress! : nil,
                    beta: 1)
            }
            other.accumulateGrad { gr, gi in
                multiplyItems(
                    batch: batch, a.adjoint, gradient, into: gr.baseAddress!, out.isComplex ? gi.baseAddress! : nil,
                    beta: 1)
            }
        }
    }
}

/// A batch of row-major `[rows, columns]` matrices stored back to back in split planes, used as
/// itself or as its conjugate transpose (`adjoint`).
private struct ItemMatrices {
    let real: [Float], imaginary: [Float]?
    let rows: Int, columns: Int
    var isAdjoint = false

    init(_ real: [Float], _ imaginary: [Float]?, rows: Int, columns: Int) {
        (self.real, self.imaginary, self.rows, self.columns) = (real, imaginary, rows, columns)
    }

    /// The conjugate transposes of the matrices.
    var adjoint: ItemMatrices {
        var copy = self
        copy.isAdjoint.toggle()
        return copy
    }

    /// Rows and columns of the matrices as used (op(M)).
    var usedShape: (rows: Int, columns: Int) { isAdjoint ? (columns, rows) : (rows, columns) }

    /// Runs `body` with the operand of item 0, advancing by one matrix per item.
    func withOperand<R>(_ body: (MatrixOperand) -> R) -> R {
        ComplexNN.withOperand(
            real, imaginary, leadingDimension: columns, transposed: isAdjoint, conjugated: isAdjoint,
            itemStride: rows * columns, body)
    }
}

/// C_item = beta·C_item + op(X_item)·op(Y_item) for every item, C stored back to back row-major.
private func multiplyItems(
    batch: Int, _ x: ItemMatrices, _ y: ItemMatrices, into cReal: UnsafeMutablePointer<Float>,
    _ cImaginary: UnsafeMutablePointer<Float>?, beta: Float
) {
    let (m, k) = x.usedShape, n = y.usedShape.columns
    x.withOperand { a in
        y.withOperand { b in
            splitGEMM(
                m: m, n: n, k: k, a, b, cReal: cReal, cImaginary: cImaginary, ldc: n, beta: beta, items: batch,
                cItemStride: m * n)
        }
    }
}
