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
    /// The distance in floats from one item's matrix to the next in a batched product (0: every
    /// item uses the same matrix).
    var itemStride = 0

    fileprivate var blasTranspose: CBLAS_TRANSPOSE { transposed ? CblasTrans : CblasNoTrans }
    /// +1, or −1 when conjugated: the sign the imaginary plane enters with.
    fileprivate var imaginarySign: Float { conjugated ? -1 : 1 }
}

/// C (m×n, split planes, row stride `ldc`) = beta·C + op(A)·op(B), each operand real or complex:
/// Re C = Ar·Br − Ai·Bi and Im C = Ar·Bi + Ai·Br with real `sgemm`s, the terms of a real
/// operand's missing plane left out and signs flipped for conjugated operands. With
/// `cImaginary == nil` only Re C is computed (what the gradient of a real operand needs).
///
/// Batched: for `items` > 1 the product is done for every item, A and B advancing by their
/// `itemStride` and C by `cItemStride`; with `cItemStride == 0` the items' products are summed
/// into one C (beta applies once).
///
/// The planes of C are computed concurrently, and each plane in row or column blocks when
/// there are more cores than planes (see Parallelism.swift), unless `concurrent` is false (a
/// caller already running on every core).
func splitGEMM(
    m: Int, n: Int, k: Int, _ a: MatrixOperand, _ b: MatrixOperand,
    cReal: UnsafeMutablePointer<Float>, cImaginary: UnsafeMutablePointer<Float>?, ldc: Int, beta: Float,
    items: Int = 1, cItemStride: Int = 0, concurrent: Bool = true
) {
    typealias Term = (alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>)
    var planes: [(c: UnsafeMutablePointer<Float>, terms: [Term])] = [(cReal, [(1, a.real, b.real)])]
    if let ai = a.imaginary, let bi = b.imaginary {
        planes[0].terms.append((-a.imaginarySign * b.imaginarySign, ai, bi))
    }
    if let cImaginary {
        var terms: [Term] = []
        if let bi = b.imaginary { terms.append((b.imaginarySign, a.real, bi)) }
        if let ai = a.imaginary { terms.append((a.imaginarySign, ai, b.real)) }
        precondition(!terms.isEmpty, "an imaginary plane asked of a real product")
        planes.append((cImaginary, terms))
    }
    singleThreadedBLAS()
    let serial = !concurrent || coreCount < 2 || items * m * n * k < 1 << 16
    let blocks = serial ? 1 : max(1, coreCount / planes.count), tasks = serial ? 1 : planes.count * blocks
    let splitRows = m >= n, extent = splitRows ? m : n
    concurrently(tasks) { task in
        for plane in (serial ? planes.indices : task / blocks..<task / blocks + 1) {
            let block = serial ? 0 : task % blocks
            let start = block * extent / blocks, end = (block + 1) * extent / blocks
            guard end > start else { continue }
            // offsets of the block's first row (or column) in op(A), op(B) and C
            let aOffset = splitRows ? start * (a.transposed ? 1 : a.leadingDimension) : 0
            let bOffset = splitRows ? 0 : start * (b.transposed ? b.leadingDimension : 1)
            let cOffset = splitRows ? start * ldc : start
            for item in 0..<items {
                for (index, term) in planes[plane].terms.enumerated() {
                    let first = index == 0 && (item == 0 || cItemStride != 0)
                    cblas_sgemm(
                        CblasRowMajor, a.blasTranspose, b.blasTranspose, Int32(splitRows ? end - start : m),
                        Int32(splitRows ? n : end - start), Int32(k), term.alpha,
                        term.a + aOffset + item * a.itemStride, Int32(a.leadingDimension),
                        term.b + bOffset + item * b.itemStride, Int32(b.leadingDimension), first ? beta : 1,
                        planes[plane].c + cOffset + item * cItemStride, Int32(ldc))
                }
            }
        }
    }
}

/// Runs `body` with a `MatrixOperand` over the planes of `real`/`imaginary` (stored rows of
/// `leadingDimension` floats).
func withOperand<R>(
    _ real: [Float], _ imaginary: [Float]?, leadingDimension: Int, transposed: Bool = false, conjugated: Bool = false,
    itemStride: Int = 0, _ body: (MatrixOperand) -> R
) -> R {
    real.withUnsafeBufferPointer { re in
        guard let imaginary else {
            return body(
                MatrixOperand(
                    real: re.baseAddress!, imaginary: nil, leadingDimension: leadingDimension,
                    transposed: transposed, conjugated: conjugated, itemStride: itemStride))
        }
        return imaginary.withUnsafeBufferPointer { im in
            body(
                MatrixOperand(
                    real: re.baseAddress!, imaginary: im.baseAddress!, leadingDimension: leadingDimension,
                    transposed: transposed, conjugated: conjugated, itemStride: itemStride))
        }
    }
}

extension UnsafeMutableBufferPointer<Float> {
    /// The first element's address; nil for an empty plane (the imaginary gradient of a real
    /// tensor), which ``splitGEMM`` then leaves out.
    var planeStart: UnsafeMutablePointer<Float>? { isEmpty ? nil : baseAddress }
}
