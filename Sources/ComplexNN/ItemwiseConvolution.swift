// A 2-D convolution computed one batch item at a time: the engine of `convolved2D` and of the
// fused convolution blocks.

/// One convolution's operands: the input planes, the weights [W | b] (o × kb, the bias as a last
/// column that multiplies a row of ones in the im2col matrix) and the index map.
///
/// Each item's im2col matrix `[kb, Ho·Wo]` is built in a per-core ``ConvolutionWorkspace``, where
/// it stays in cache, and multiplied there: forward [W | b]·cols(item); backward
/// [g_W | g_b] += G·cols(item)ᴴ, the matrix built again, and Wᴴ·G folded back onto the input
/// (col2im). The whole batch's matrix is never stored. A real operand gets the real part.
final class ItemwiseConvolution {
    let map: Im2Col
    /// Output channels o, im2col rows k = C·kh·kw, kb = k (+1 with a bias), output positions per
    /// item.
    let o, k, kb, outArea: Int
    let inputRe: [Float], inputIm: [Float]?
    /// The planes of [W | b] (o × kb); no imaginary plane when weights and bias are real.
    let weightsRe: [Float], weightsIm: [Float]?

    init(input: Tensor, weight: Tensor, bias: Tensor?, outChannels: Int, map: Im2Col) {
        self.map = map
        (o, k, outArea) = (outChannels, map.rows, map.outArea)
        kb = bias == nil ? k : k + 1
        (inputRe, inputIm) = (input.real, input.imaginary)
        (weightsRe, weightsIm) = biasColumn(weight, bias, rows: outChannels)
    }

    /// Whether the output is complex.
    var isComplex: Bool { inputIm != nil || weightsIm != nil }

    /// Calls `body(item, workspace)` for every batch item, the items split over the cores with one
    /// workspace per part (each with `extra` floats of scratch), and returns the workspaces, which
    /// hold their items' weight-gradient sums. `body` may write only its item's share of outputs.
    @discardableResult
    func forEachItem(extra: Int = 0, _ body: (Int, ConvolutionWorkspace) -> Void) -> [ConvolutionWorkspace] {
        let batch = map.batch
        let parts = partCount(batch, minimumPart: max(1, parallelGrain / max(kb * outArea, 1)))
        let workspaces = (0..<parts).map { _ in ConvolutionWorkspace(self, extra: extra, concurrent: parts == 1) }
        concurrently(parts) { part in
            for item in partRange(part, of: parts, count: batch) { body(item, workspaces[part]) }
        }
        return workspaces
    }

    /// Adds the workspaces' [g_W | g_b] sums to the weight's and the bias's gradients.
    func accumulateParameterGradients(_ workspaces: [ConvolutionWorkspace], weight: Tensor, bias: Tensor?) {
        let used = workspaces.filter { $0.gradientItems > 0 }
        guard var total = used.first?.gradient else { return }
        for workspace in used.dropFirst() {
            let next = workspace.gradient
            for i in 0..<total.real.count { total.real[i] += next.real[i] }
            for i in 0..<total.imaginary.count { total.imaginary[i] += next.imaginary[i] }
        }
        let (o, k, kb) = (self.o, self.k, self.kb)
        weight.accumulateGrad { wr, wi in
            for row in 0..<o {
                for j in 0..<k {
                    wr[row * k + j] += total.real[row * kb + j]
                    if !wi.isEmpty { wi[row * k + j] += total.imaginary[row * kb + j] }
                }
            }
        }
        bias?.accumulateGrad { br, bi in
            for row in 0..<o {
                br[row] += total.real[row * kb + k]
                if !bi.isEmpty { bi[row] += total.imaginary[row * kb + k] }
            }
        }
    }
}

extension ItemwiseConvolution {
    /// Accumulates the gradients of the weight, the bias and the input (those that require one),
    /// the output gradient of each item given by `gradient(item, workspace)` (its planes, o × outArea
    /// each; no imaginary plane for a real output), which runs on the item's core just before it is
    /// used and may use the workspace's `extra` floats.
    func backward(
        input: Tensor, weight: Tensor, bias: Tensor?, extra: Int = 0,
        gradient: (Int, ConvolutionWorkspace) -> (real: UnsafePointer<Float>, imaginary: UnsafePointer<Float>?)
    ) {
        let parameters = weight.requiresGrad || bias?.requiresGrad == true
        func run(_ inputGradient: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, Bool)?) {
            let workspaces = forEachItem(extra: extra) { item, workspace in
                let g = gradient(item, workspace)
                workspace.backward(
                    item: item, gRe: g.real, gIm: g.imaginary, parameters: parameters, input: inputGradient)
            }
            if parameters { accumulateParameterGradients(workspaces, weight: weight, bias: bias) }
        }
        if input.requiresGrad {
            input.accumulateGrad { xr, xi, beta in run((xr, xi, beta == 0)) }
        } else {
            run(nil)
        }
    }
}

/// The per-core buffers of an ``ItemwiseConvolution``: one item's im2col matrix (later its Wᴴ·G),
/// the running [g_W | g_b] sum of the items run here, and scratch for a fused op (`extra`).
final class ConvolutionWorkspace {
    private let convolution: ItemwiseConvolution
    /// The im2col planes (kb × outArea each; the imaginary one only for a complex input).
    private let colsRe: UnsafeMutablePointer<Float>, colsIm: UnsafeMutablePointer<Float>?
    /// The [g_W | g_b] sum (o × kb per plane).
    private let gradientRe: UnsafeMutablePointer<Float>, gradientIm: UnsafeMutablePointer<Float>
    /// Scratch of the size asked for, for the caller.
    let extra: UnsafeMutablePointer<Float>
    /// How many items the gradient sum holds.
    private(set) var gradientItems = 0
    /// Whether products may be split over the cores (the whole batch runs here).
    private let concurrent: Bool
    private let storage: UnsafeMutableBufferPointer<Float>

    init(_ convolution: ItemwiseConvolution, extra: Int, concurrent: Bool) {
        self.convolution = convolution
        self.concurrent = concurrent
        let c = convolution, colsCount = c.kb * c.outArea, gradientCount = c.o * c.kb
        let colsPlanes = c.inputIm == nil ? 1 : 2
        storage = .allocate(capacity: colsPlanes * colsCount + 2 * gradientCount + extra)
        let base = storage.baseAddress!
        colsRe = base
        colsIm = colsPlanes == 2 ? base + colsCount : nil
        gradientRe = base + colsPlanes * colsCount
        gradientIm = gradientRe + gradientCount
        self.extra = gradientIm + gradientCount
    }

    deinit { storage.deallocate() }

    /// The [g_W | g_b] sum's planes (the imaginary one empty for real weights).
    var gradient: (real: [Float], imaginary: [Float]) {
        let count = convolution.o * convolution.kb
        return (
            Array(UnsafeBufferPointer(start: gradientRe, count: count)),
            convolution.weightsIm == nil ? [] : Array(UnsafeBufferPointer(start: gradientIm, count: count))
        )
    }

    /// [W | b]·cols(item) into `cReal`, `cImaginary` (o × outArea row-major each; `cImaginary`
    /// nil exactly when the output is real).
    func product(item: Int, cReal: UnsafeMutablePointer<Float>, cImaginary: UnsafeMutablePointer<Float>?) {
        let c = convolution
        buildColumns(item)
        withOperand(c.weightsRe, c.weightsIm, leadingDimension: c.kb) { w in
            splitGEMM(
                m: c.o, n: c.outArea, k: c.kb, w, columns(), cReal: cReal, cImaginary: cImaginary, ldc: c.outArea,
                beta: 0, concurrent: concurrent)
        }
    }

    /// The backward step of item `item` from its output gradient G (`gRe`, `gIm`: o × outArea
    /// each, `gIm` nil for a real output): [g_W | g_b] += G·cols(item)ᴴ when `parameters`, and
    /// Wᴴ·G folded back onto `input`'s planes (col2im) when given — after zeroing the item's
    /// part of them when they are `fresh` (uninitialised).
    func backward(
        item: Int, gRe: UnsafePointer<Float>, gIm: UnsafePointer<Float>?, parameters: Bool,
        input: (real: UnsafeMutableBufferPointer<Float>, imaginary: UnsafeMutableBufferPointer<Float>, fresh: Bool)?
    ) {
        let c = convolution, g = MatrixOperand(real: gRe, imaginary: gIm, leadingDimension: c.outArea)
        if parameters {
            buildColumns(item)
            var cols = columns()
            (cols.transposed, cols.conjugated) = (true, true)
            splitGEMM(
                m: c.o, n: c.kb, k: c.outArea, g, cols, cReal: gradientRe,
                cImaginary: c.weightsIm == nil ? nil : gradientIm, ldc: c.kb, beta: gradientItems == 0 ? 0 : 1,
                concurrent: concurrent)
            gradientItems += 1
        }
        guard let input else { return }
        // Wᴴ·G (the first k rows of [W | b]ᴴ) into the im2col planes, then col2im
        withOperand(c.weightsRe, c.weightsIm, leadingDimension: c.kb, transposed: true, conjugated: true) { w in
            splitGEMM(
                m: c.k, n: c.outArea, k: c.o, w, g, cReal: colsRe, cImaginary: colsIm, ldc: c.outArea, beta: 0,
                concurrent: concurrent)
        }
        let itemSize = c.map.channels * c.map.height * c.map.width
        for (plane, cols) in [(input.real, colsRe), (input.imaginary, colsIm)] where !plane.isEmpty {
            if input.fresh { (plane.baseAddress! + item * itemSize).initialize(repeating: 0, count: itemSize) }
            c.map.accumulate(item: item, cols!, into: plane)
        }
    }

    private func buildColumns(_ item: Int) {
        let c = convolution, extraRow: (Float, Float)? = c.kb > c.k ? (1, 0) : nil
        c.inputRe.withUnsafeBufferPointer { c.map.fill(item: item, from: $0, extraRow: extraRow?.0, into: colsRe) }
        if let colsIm, let inputIm = c.inputIm {
            inputIm.withUnsafeBufferPointer { c.map.fill(item: item, from: $0, extraRow: extraRow?.1, into: colsIm) }
        }
    }

    /// The im2col planes as a product operand (kb × outArea).
    private func columns() -> MatrixOperand {
        MatrixOperand(real: colsRe, imaginary: colsIm, leadingDimension: convolution.outArea)
    }
}

/// The planes of [W | b]: the `rows × k` weights with the bias as one more column (just the
/// weights without a bias). The imaginary plane exists if either is complex.
private func biasColumn(_ weight: Tensor, _ bias: Tensor?, rows: Int) -> (real: [Float], imaginary: [Float]?) {
    guard let bias else { return (weight.real, weight.imaginary) }
    let k = weight.count / rows
    func appended(_ w: [Float]?, _ b: [Float]?) -> [Float] {
        makeArray(count: rows * (k + 1)) { out in
            for row in 0..<rows {
                for j in 0..<k { out[row * (k + 1) + j] = w?[row * k + j] ?? 0 }
                out[row * (k + 1) + k] = b?[row] ?? 0
            }
        }
    }
    let complex = weight.isComplex || bias.isComplex
    return (appended(weight.real, bias.real), complex ? appended(weight.imaginary, bias.imaginary) : nil)
}
