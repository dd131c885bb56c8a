// Matrix product of 2-D tensors through OpenBLAS (see `splitGEMM`).

extension Tensor {
    /// The matrix product `self · other` (or `self · otherᵀ` when `transposingRight`, as a linear
    /// layer uses its `[out, in]` weight) of two 2-D tensors of the same kind. No conjugation.
    /// Backward: g_A = G·op(B)ᴴ, g_op(B) = Aᴴ·G (the holomorphic rule conj(f′)·g as matrices).
    public func matmul(_ other: Tensor, transposingRight: Bool = false) -> Tensor {
        precondition(
            shape.count == 2 && other.shape.count == 2 && isComplex == other.isComplex,
            "matmul needs 2-D tensors of one kind")
        let m = shape[0], k = shape[1]
        let n = transposingRight ? other.shape[0] : other.shape[1]
        precondition(
            (transposingRight ? other.shape[1] : other.shape[0]) == k, "matmul \(shape) · \(other.shape) mismatch")
        let ldb = other.shape[1]
        var re = scratchArray(count: m * n)
        var im: [Float]? = isComplex ? scratchArray(count: m * n) : nil
        withOperand(real, imaginary, leadingDimension: k) { a in
            withOperand(other.real, other.imaginary, leadingDimension: ldb, transposed: transposingRight) { b in
                writePlanes(&re, &im) { splitGEMM(m: m, n: n, k: k, a, b, cReal: $0, cImaginary: $1, ldc: n, beta: 0) }
            }
        }
        return .result(shape: [m, n], real: re, imaginary: im, parents: [self, other]) { out in
            let g = out.outputGrad
            let gIm: [Float]? = out.isComplex ? g.imaginary : nil
            // g_A (m×k) = G (m×n) · op(B)ᴴ: op(B)ᴴ is Bᴴ, or conj(B) when op(B) = Bᵀ.
            self.accumulateGrad { gr, gi, beta in
                withOperand(g.real, gIm, leadingDimension: n) { gOp in
                    withOperand(
                        other.real, other.imaginary, leadingDimension: ldb, transposed: !transposingRight,
                        conjugated: true
                    ) { b in
                        splitGEMM(
                            m: m, n: k, k: n, gOp, b, cReal: gr.baseAddress!, cImaginary: gi.planeStart, ldc: k,
                            beta: beta)
                    }
                }
            }
            // g_B: Aᴴ·G (k×n), or its transpose Gᵀ·conj(A) (n×k) when op(B) = Bᵀ.
            other.accumulateGrad { gr, gi, beta in
                withOperand(g.real, gIm, leadingDimension: n, transposed: transposingRight) { gOp in
                    withOperand(
                        self.real, self.imaginary, leadingDimension: k, transposed: !transposingRight, conjugated: true
                    ) { a in
                        if transposingRight {
                            splitGEMM(
                                m: n, n: k, k: m, gOp, a, cReal: gr.baseAddress!, cImaginary: gi.planeStart, ldc: k,
                                beta: beta)
                        } else {
                            splitGEMM(
                                m: k, n: n, k: m, a, gOp, cReal: gr.baseAddress!, cImaginary: gi.planeStart, ldc: n,
                                beta: beta)
                        }
                    }
                }
            }
        }
    }
}

/// Runs `body` with mutable pointers to a real plane and an optional imaginary plane.
func writePlanes(
    _ real: inout [Float], _ imaginary: inout [Float]?,
    _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>?) -> Void
) {
    real.withUnsafeMutableBufferPointer { re in
        if imaginary == nil {
            body(re.baseAddress!, nil)
        } else {
            imaginary!.withUnsafeMutableBufferPointer { im in body(re.baseAddress!, im.baseAddress!) }
        }
    }
}
