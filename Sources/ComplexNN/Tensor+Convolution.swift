// 2-D convolution (cross-correlation, as in PyTorch) by im2col and one batch-wide GEMM.

/// Kernel size, stride, zero padding and dilation of a 2-D convolution, each (height, width).
public struct ConvolutionGeometry: Sendable, Equatable {
    public var kernel: (height: Int, width: Int)
    public var stride: (height: Int, width: Int)
    public var padding: (height: Int, width: Int)
    public var dilation: (height: Int, width: Int)

    /// Stride and dilation default to 1, padding (zeros on both sides) to 0.
    public init(
        kernel: (height: Int, width: Int), stride: (height: Int, width: Int) = (1, 1),
        padding: (height: Int, width: Int) = (0, 0), dilation: (height: Int, width: Int) = (1, 1)
    ) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    /// The output (height, width) for an input of `height × width`:
    /// ⌊(n + 2·padding − dilation·(kernel − 1) − 1)/stride⌋ + 1 per axis.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        func size(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int) -> Int { (n + 2 * p - d * (k - 1) - 1) / s + 1 }
        return (
            size(height, kernel.height, stride.height, padding.height, dilation.height),
            size(width, kernel.width, stride.width, padding.width, dilation.width)
        )
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.kernel == b.kernel && a.stride == b.stride && a.padding == b.padding && a.dilation == b.dilation
    }
}

/// Index map between an NCHW input and its im2col matrix `[C·kh·kw, N·Ho·Wo]`.
private struct Im2Col {
    let batch, channels, height, width, outHeight, outWidth: Int
    let geometry: ConvolutionGeometry

    var rows: Int { channels * geometry.kernel.height * geometry.kernel.width }
    var columns: Int { batch * outHeight * outWidth }

    /// Calls `body(matrixStart, inputStart, length)` for every run of matrix entries along one
    /// output row that read in-bounds input elements of the batch items `items`: matrix entries
    /// matrixStart + j read input inputStart + j·stride.width for j in 0..<length (padding
    /// entries stay zero). Matrix row r, item n, output position p is at
    /// r·rowStride + n·itemStride + p (by default the whole matrix `[rows, N·Ho·Wo]`).
    @inline(__always) func forEachRun(
        items: Range<Int>, rowStride: Int? = nil, itemStride: Int? = nil, _ body: (Int, Int, Int) -> Void
    ) {
        let rowStride = rowStride ?? columns, itemStride = itemStride ?? outHeight * outWidth
        let g = geometry, outArea = outHeight * outWidth, sw = g.stride.width
        for c in 0..<channels {
            for ki in 0..<g.kernel.height {
                for kj in 0..<g.kernel.width {
                    let row = (c * g.kernel.height + ki) * g.kernel.width + kj
                    // output columns ow whose input column ow·sw + offset lies in 0..<width
                    let offset = kj * g.dilation.width - g.padding.width
                    let first = offset >= 0 ? 0 : (sw - 1 - offset) / sw
                    guard width - 1 - offset >= 0 else { continue }
                    let last = min(outWidth - 1, (width - 1 - offset) / sw)
                    guard last >= first else { continue }
                    for n in items {
                        let plane = (n * channels + c) * height * width
                        for oh in 0..<outHeight {
                            let h = oh * g.stride.height - g.padding.height + ki * g.dilation.height
                            guard h >= 0 && h < height else { continue }
                            body(
                                row * rowStride + n * itemStride + oh * outWidth + first,
                                plane + h * width + first * sw + offset, last - first + 1)
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(matrixStart, length)` for every run of matrix entries of the batch items
    /// `items` that read padding — the entries ``forEachRun(items:rowStride:itemStride:_:)``
    /// leaves out — in the whole-matrix layout, so that only they need zeros.
    func forEachPaddingRun(items: Range<Int>, _ body: (Int, Int) -> Void) {
        let g = geometry, sw = g.stride.width, outArea = outHeight * outWidth
        for row in 0..<rows {
            let (ki, kj) = (row % (g.kernel.height * g.kernel.width)).quotientAndRemainder(dividingBy: g.kernel.width)
            // the in-bounds output columns first...last, as forEachRun finds them (none: first > last)
            let offset = kj * g.dilation.width - g.padding.width
            let first = offset >= 0 ? 0 : (sw - 1 - offset) / sw
            let last = width - 1 - offset >= 0 ? min(outWidth - 1, (width - 1 - offset) / sw) : -1
            for n in items {
                for oh in 0..<outHeight {
                    let start = row * columns + n * outArea + oh * outWidth
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
    }

    /// Calls `body` with ranges of batch items, concurrently for large inputs (the items'
    /// matrix columns and input planes are disjoint).
    func forEachItemRange(_ body: (Range<Int>) -> Void) {
        parallelParts(count: batch, minimumPart: max(1, parallelGrain / max(rows * outHeight * outWidth, 1)), body)
    }

    /// The im2col matrix of `plane` (one plane of an NCHW input), with one more row holding
    /// `extraRow` in every column when given (a row of ones multiplies a bias column).
    func matrix(from plane: [Float], extraRow: Float? = nil) -> [Float] {
        // without padding the runs cover every entry; with it, only the padding entries are zeroed
        let padded = geometry.padding.height > 0 || geometry.padding.width > 0
        let count = (rows + (extraRow == nil ? 0 : 1)) * columns
        var cols = scratchArray(count: count)
        let sw = geometry.stride.width
        plane.withUnsafeBufferPointer { x in
            cols.withUnsafeMutableBufferPointer { m in
                if let extraRow { (m.baseAddress! + rows * columns).initialize(repeating: extraRow, count: columns) }
                forEachItemRange { items in
                    if padded {
                        forEachPaddingRun(items: items) { start, length in
                            (m.baseAddress! + start).initialize(repeating: 0, count: length)
                        }
                    }
                    forEachRun(items: items) { matrixStart, inputStart, length in
                        if sw == 1 {
                            (m.baseAddress! + matrixStart).initialize(from: x.baseAddress! + inputStart, count: length)
                        } else {
                            for j in 0..<length { m[matrixStart + j] = x[inputStart + j * sw] }
                        }
                    }
                }
            }
        }
        return cols
    }

    /// Adds the im2col matrix of batch item `item` alone (`[rows, Ho·Wo]` at `cols`) onto its
    /// input plane (col2im).
    func accumulate(item: Int, _ cols: UnsafePointer<Float>, into plane: UnsafeMutableBufferPointer<Float>) {
        let sw = geometry.stride.width
        forEachRun(items: item..<item + 1, rowStride: outHeight * outWidth, itemStride: 0) {
            matrixStart, inputStart, length in
            if sw == 1 {
                for j in 0..<length { plane[inputStart + j] += cols[matrixStart + j] }
            } else {
                for j in 0..<length { plane[inputStart + j * sw] += cols[matrixStart + j] }
            }
        }
    }
}

extension Tensor {
    /// Cross-correlates an NCHW input `[N, C, H, W]` with `weight` holding `outChannels × C × kh × kw`
    /// values (any shape with that layout), giving `[N, outChannels, Ho, Wo]`, plus `bias`
    /// (`[outChannels]`, one value per output channel) when given. Input and weight may differ
    /// in kind: a real input with complex weights (a CVCNN's first layer) gives what a zero
    /// imaginary part would, with half the products; the result is complex when either is, and
    /// the bias must be of the result's kind.
    ///
    /// One im2col matrix `[C·kh·kw (+1), N·Ho·Wo]` for the batch, with a row of ones for the bias
    /// (a last column of the weights): each item's product, bias included, is written straight
    /// into its NCHW block. Backward: [g_W | g_bias] = Σ_items G·colsᴴ; per item, Wᴴ·G is folded
    /// back onto the input (col2im) while it is in cache. A real operand gets the real part.
    public func convolved2D(
        with weight: Tensor, bias: Tensor? = nil, outChannels: Int, geometry: ConvolutionGeometry
    ) -> Tensor {
        precondition(shape.count == 4, "conv2d needs an NCHW input, got \(shape)")
        let out = geometry.outputSize(height: shape[2], width: shape[3])
        precondition(out.height > 0 && out.width > 0, "input \(shape) too small for the kernel")
        let map = Im2Col(
            batch: shape[0], channels: shape[1], height: shape[2], width: shape[3],
            outHeight: out.height, outWidth: out.width, geometry: geometry)
        precondition(
            weight.count == outChannels * map.rows, "weight \(weight.shape) does not fit \(outChannels)×\(map.rows)")
        let complexResult = isComplex || weight.isComplex
        precondition(
            bias.map { $0.shape == [outChannels] && $0.isComplex == complexResult } ?? true,
            "bias \(bias?.shape ?? []) does not fit \(outChannels) \(complexResult ? "complex" : "real") channels")
        let products = ConvolutionProducts(input: self, weight: weight, bias: bias, outChannels: outChannels, map: map)
        let (productRe, productIm) = products.forward(complex: complexResult)
        let parents = [self, weight] + (bias.map { [$0] } ?? [])
        return .result(
            shape: [shape[0], outChannels, out.height, out.width], real: productRe, imaginary: productIm,
            parents: parents
        ) { result in
            let g = result.outputGrad
            products.backward(g.real, result.isComplex ? g.imaginary : nil, input: self, weight: weight, bias: bias)
        }
    }
}

/// One convolution as GEMMs: the batch's im2col matrix (with a row of ones when there is a bias)
/// and the weights [W | b] (o × kb), kept from the forward pass for the backward one.
private struct ConvolutionProducts {
    let map: Im2Col
    /// Output channels o, im2col rows k = C·kh·kw, kb = k (+1 with a bias), im2col columns
    /// n = N·Ho·Wo, output positions per item Ho·Wo, and items N.
    let o, k, kb, n, outArea, batch: Int
    let colsRe: [Float], colsIm: [Float]?
    let weightsRe: [Float], weightsIm: [Float]?

    init(input: Tensor, weight: Tensor, bias: Tensor?, outChannels: Int, map: Im2Col) {
        self.map = map
        (o, k, n) = (outChannels, map.rows, map.columns)
        (batch, outArea) = (map.batch, map.outHeight * map.outWidth)
        kb = bias == nil ? k : k + 1
        colsRe = map.matrix(from: input.real, extraRow: bias == nil ? nil : 1)
        colsIm = input.imaginary.map { map.matrix(from: $0, extraRow: bias == nil ? nil : 0) }
        (weightsRe, weightsIm) = biasColumn(weight, bias, rows: outChannels)
    }

    /// The output planes `[N, o, Ho, Wo]`: per item, [W | b] (o×kb) · cols[:, item's columns]
    /// (kb×outArea) written straight into its [o, outArea] block.
    func forward(complex: Bool) -> (real: [Float], imaginary: [Float]?) {
        var productRe = scratchArray(count: batch * o * outArea)
        var productIm: [Float]? = complex ? scratchArray(count: batch * o * outArea) : nil
        withOperand(weightsRe, weightsIm, leadingDimension: kb) { w in
            withOperand(colsRe, colsIm, leadingDimension: n, itemStride: outArea) { cols in
                writePlanes(&productRe, &productIm) {
                    splitGEMM(
                        m: o, n: outArea, k: kb, w, cols, cReal: $0, cImaginary: $1, ldc: outArea, beta: 0,
                        items: batch, cItemStride: o * outArea)
                }
            }
        }
        return (productRe, productIm)
    }

    /// Accumulates the gradients of the weight, the bias and the input (those that require one)
    /// from the output gradient planes `gRe`, `gIm` (nil for a real output).
    func backward(_ gRe: [Float], _ gIm: [Float]?, input: Tensor, weight: Tensor, bias: Tensor?) {
        withOperand(gRe, gIm, leadingDimension: outArea, itemStride: o * outArea) { gOp in
            if weight.requiresGrad || bias?.requiresGrad == true {
                accumulateParameterGradients(gOp, weight: weight, bias: bias)
            }
            guard input.requiresGrad else { return }
            accumulateInputGradient(gOp, into: input)
        }
    }

    /// [g_W | g_bias] = Σ_items G·colsᴴ, added to the weight's and the bias's gradients.
    private func accumulateParameterGradients(_ gOp: MatrixOperand, weight: Tensor, bias: Tensor?) {
        let (o, k, kb) = (self.o, self.k, self.kb)
        var gradRe = scratchArray(count: o * kb)
        var gradIm: [Float]? = weightsIm == nil ? nil : scratchArray(count: o * kb)
        withOperand(colsRe, colsIm, leadingDimension: n, transposed: true, conjugated: true, itemStride: outArea) {
            cols in
            writePlanes(&gradRe, &gradIm) {
                splitGEMM(
                    m: o, n: kb, k: outArea, gOp, cols, cReal: $0, cImaginary: $1, ldc: kb, beta: 0, items: batch)
            }
        }
        weight.accumulateGrad { wr, wi in
            for row in 0..<o {
                for j in 0..<k {
                    wr[row * k + j] += gradRe[row * kb + j]
                    if !wi.isEmpty { wi[row * k + j] += gradIm![row * kb + j] }
                }
            }
        }
        bias?.accumulateGrad { br, bi in
            for row in 0..<o {
                br[row] += gradRe[row * kb + k]
                if !bi.isEmpty { bi[row] += gradIm![row * kb + k] }
            }
        }
    }

    /// Per item: Wᴴ·G (k×outArea; the first k rows of [W | b]ᴴ) into a buffer, then folded back
    /// onto the input's gradient (col2im) while it is in cache.
    private func accumulateInputGradient(_ gOp: MatrixOperand, into input: Tensor) {
        let (o, k, outArea, map) = (self.o, self.k, self.outArea, self.map)
        withOperand(weightsRe, weightsIm, leadingDimension: kb, transposed: true, conjugated: true) { w in
            input.accumulateGrad { xr, xi in
                map.forEachItemRange { items in
                    let planes = xi.isEmpty ? 1 : 2
                    let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: planes * k * outArea)
                    defer { buffer.deallocate() }
                    let (bufferRe, bufferIm) = (buffer.baseAddress!, buffer.baseAddress! + (planes - 1) * k * outArea)
                    for item in items {
                        var gItem = gOp
                        gItem.real += item * o * outArea
                        gItem.imaginary = gItem.imaginary.map { $0 + item * o * outArea }
                        splitGEMM(
                            m: k, n: outArea, k: o, w, gItem, cReal: bufferRe, cImaginary: xi.isEmpty ? nil : bufferIm,
                            ldc: outArea, beta: 0, concurrent: false)
                        map.accumulate(item: item, bufferRe, into: xr)
                        if !xi.isEmpty { map.accumulate(item: item, bufferIm, into: xi) }
                    }
                }
            }
        }
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
