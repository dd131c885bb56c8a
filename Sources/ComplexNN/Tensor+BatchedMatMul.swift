// Batched matrix product of 3-D tensors (one `splitGEMM` per batch item), for graph propagation
// over a batch of small dense adjacency matrices.

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
        var re = scratchArray(count: batch * m * n)
        var im: [Float]? = isComplex ? scratchArray(count: batch * m * n) : nil
        writePlanes(&re, &im) { cr, ci in
            for item in 0..<batch {
                withItemOperand(real, imaginary, offset: item * m * k, leadingDimension: k) { a in
                    withItemOperand(other.real, other.imaginary, offset: item * k * n, leadingDimension: n) { b in
                        splitGEMM(m: m, n: n, k: k, a, b, cReal: cr + item * m * n, cImaginary: ci.map { $0 + item * m * n },
                                  ldc: n, beta: 0)
                    }
                }
            }
        }
        return .result(shape: [batch, m, n], real: re, imaginary: im, parents: [self, other]) { out in
            let g = out.outputGrad
            let gIm: [Float]? = out.isComplex ? g.imaginary : nil
            self.accumulateGrad { gr, gi in
                for item in 0..<batch {
                    withItemOperand(g.real, gIm, offset: item * m * n, leadingDimension: n) { gOp in
                        withItemOperand(other.real, other.imaginary, offset: item * k * n, leadingDimension: n,
                                        transposed: true, conjugated: true) { b in
                            splitGEMM(m: m, n: k, k: n, gOp, b, cReal: gr.baseAddress! + item * m * k,
                                      cImaginary: gIm == nil ? nil : gi.baseAddress! + item * m * k, ldc: k, beta: 1)
                        }
                    }
                }
            }
            other.accumulateGrad { gr, gi in
                for item in 0..<batch {
                    withItemOperand(g.real, gIm, offset: item * m * n, leadingDimension: n) { gOp in
                        withItemOperand(self.real, self.imaginary, offset: item * m * k, leadingDimension: k,
                                        transposed: true, conjugated: true) { a in
                            splitGEMM(m: k, n: n, k: m, a, gOp, cReal: gr.baseAddress! + item * k * n,
                                      cImaginary: gIm == nil ? nil : gi.baseAddress! + item * k * n, ldc: n, beta: 1)
                        }
                    }
                }
            }
        }
    }
}

/// Runs `body` with a `MatrixOperand` over the matrix starting at element `offset` of the planes.
private func withItemOperand<R>(
    _ real: [Float], _ imaginary: [Float]?, offset: Int, leadingDimension: Int, transposed: Bool = false,
    conjugated: Bool = false, _ body: (MatrixOperand) -> R
) -> R {
    withOperand(real, imaginary, leadingDimension: leadingDimension, transposed: transposed, conjugated: conjugated) {
        var operand = $0
        operand.real += offset
        operand.imaginary = operand.imaginary.map { $0 + offset }
        return body(operand)
    }
}
