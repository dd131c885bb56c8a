import COpenBLAS

/// One operand of a split-plane matrix product: row-major planes, optionally transposed and/or
/// conjugated. `imaginary == nil` means a real matrix.
struct MatrixOperand {
    var real: UnsafePointer<Float>
    var imaginary: UnsafePointer<Float>?
    /// Row stride of the stored (untransposed) matrix.
    var leadingDimension: Int
    var transposed = false
    var conjugated = false

    fileprivate var blasTranspose: CBLAS_TRANSPOSE { transposed ? CblasTrans : CblasNoTrans }
    /// +1, or −1 when conjugated: the sign the imaginary plane enters with.
    fileprivate var imaginarySign: Float { conjugated ? -1 : 1 }
}

/// C (m×n, split planes, row stride `ldc`) = beta·C + op(A)·op(B) with four real `sgemm`s:
/// Re C += Ar·Br − Ai·Bi and Im C += Ar·Bi + Ai·Br (signs flipped for conjugated operands).
/// For real A and B only `cReal` is touched.
func splitGEMM(
    m: Int, n: Int, k: Int, _ a: MatrixOperand, _ b: MatrixOperand,
    cReal: UnsafeMutablePointer<Float>, cImaginary: UnsafeMutablePointer<Float>?, ldc: Int, beta: Float
) {
    precondition((a.imaginary == nil) == (b.imaginary == nil), "mixed real/complex product")
    func gemm(
        _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        _ beta: Float
    ) {
        cblas_sgemm(
            CblasRowMajor, a.blasTranspose, b.blasTranspose, Int32(m), Int32(n), Int32(k), alpha,
            x, Int32(a.leadingDimension), y, Int32(b.leadingDimension), beta, c, Int32(ldc))
    }
    gemm(1, a.real, b.real, cReal, beta)
    guard let ai = a.imaginary, let bi = b.imaginary, let cImaginary else { return }
    gemm(-a.imaginarySign * b.imaginarySign, ai, bi, cReal, 1)
    gemm(b.imaginarySign, a.real, bi, cImaginary, beta)
    gemm(a.imaginarySign, ai, b.real, cImaginary, 1)
}

/// Runs `body` with a `MatrixOperand` over the planes of `real`/`imaginary` (stored rows of
/// `leadingDimension` floats).
func withOperand<R>(
    _ real: [Float], _ imaginary: [Float]?, leadingDimension: Int, transposed: Bool = false, conjugated: Bool = false,
    _ body: (MatrixOperand) -> R
) -> R {
    real.withUnsafeBufferPointer { re in
        guard let imaginary else {
            return body(
                MatrixOperand(
                    real: re.baseAddress!, imaginary: nil, leadingDimension: leadingDimension,
                    transposed: transposed, conjugated: conjugated))
        }
        return imaginary.withUnsafeBufferPointer { im in
            body(
                MatrixOperand(
                    real: re.baseAddress!, imaginary: im.baseAddress!, leadingDimension: leadingDimension,
                    transposed: transposed, conjugated: conjugated))
        }
    }
}
