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
    /// entries stay zero).
    @inline(__always) func forEachRun(items: Range<Int>, _ body: (Int, Int, Int) -> Void) {
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
                                row * columns + n * outArea + oh * outWidth + first,
                                plane + h * width + first * sw + offset, last - first + 1)
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with ranges of batch items, concurrently for large inputs (the items'
    /// matrix columns and input planes are disjoint).
    private func forEachItemRange(_ body: (Range<Int>) -> Void) {
        parallelParts(count: batch, minimumPart: max(1, parallelGrain / max(rows * outHeight * outWidth, 1)), body)
    }

    func matrix(from plane: [Float]) -> [Float] {
        // without padding the runs cover every entry
        let padded = geometry.padding.height > 0 || geometry.padding.width > 0
        var cols = padded ? zeroArray(count: rows * columns) : scratchArray(count: rows * columns)
        let sw = geometry.stride.width
        plane.withUnsafeBufferPointer { x in
            cols.withUnsafeMutableBufferPointer { m in
                forEachItemRange { items in
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

    func accumulate(_ cols: [Float], into plane: UnsafeMutableBufferPointer<Float>) {
        let sw = geometry.stride.width
        cols.withUnsafeBufferPointer { m in
            forEachItemRange { items in
                forEachRun(items: items) { matrixStart, inputStart, length in
                    if sw == 1 {
                        for j in 0..<length { plane[inputStart + j] += m[matrixStart + j] }
                    } else {
                        for j in 0..<length { plane[inputStart + j * sw] += m[matrixStart + j] }
                    }
                }
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
    /// One im2col matrix `[C·kh·kw, N·Ho·Wo]` for the batch; each item's product is written
    /// straight into its NCHW block, on top of the bias. Backward: g_W = Σ_items G·colsᴴ,
    /// g_bias = G summed per channel, g_cols = Wᴴ·G folded back onto the input (col2im); the
    /// real part only for a real operand.
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
        let colsRe = map.matrix(from: real), colsIm = imaginary.map(map.matrix(from:))
        let batch = shape[0], outArea = out.height * out.width, (o, k, n) = (outChannels, map.rows, map.columns)
        let layout = ChannelLayout([batch, o, outArea])
        func start(_ values: [Float]?) -> [Float] {
            guard let values else { return scratchArray(count: batch * o * outArea) }
            return makeArray(count: batch * o * outArea) { y in
                layout.forEachBlock { c, range in (y.baseAddress! + range.lowerBound).initialize(repeating: values[c], count: range.count) }
            }
        }
        var productRe = start(bias?.real)
        var productIm: [Float]? = complexResult ? start(bias?.imaginary) : nil
        // per item: W (o×k) · cols[:, item's columns] (k×outArea) → its [o, outArea] block
        withOperand(weight.real, weight.imaginary, leadingDimension: k) { w in
            withOperand(colsRe, colsIm, leadingDimension: n, itemStride: outArea) { cols in
                writePlanes(&productRe, &productIm) {
                    splitGEMM(
                        m: o, n: outArea, k: k, w, cols, cReal: $0, cImaginary: $1, ldc: outArea,
                        beta: bias == nil ? 0 : 1, items: batch, cItemStride: o * outArea)
                }
            }
        }
        let parents = [self, weight] + (bias.map { [$0] } ?? [])
        return .result(
            shape: [batch, o, out.height, out.width], real: productRe, imaginary: productIm, parents: parents
        ) { result in
            let g = result.outputGrad
            let gIm: [Float]? = result.isComplex ? g.imaginary : nil
            if let bias, bias.requiresGrad {
                bias.accumulateGrad((layout.channelSums(g.real), bias.isComplex ? layout.channelSums(g.imaginary) : []))
            }
            withOperand(g.real, gIm, leadingDimension: outArea, itemStride: o * outArea) { gOp in
                weight.accumulateGrad { wr, wi in
                    withOperand(
                        colsRe, colsIm, leadingDimension: n, transposed: true, conjugated: true, itemStride: outArea
                    ) { cols in
                        splitGEMM(
                            m: o, n: k, k: outArea, gOp, cols, cReal: wr.baseAddress!, cImaginary: wi.planeStart,
                            ldc: k, beta: 1, items: batch)
                    }
                }
                guard self.requiresGrad else { return }
                var gColsRe = scratchArray(count: k * n)
                var gColsIm: [Float]? = self.isComplex ? scratchArray(count: k * n) : nil
                withOperand(weight.real, weight.imaginary, leadingDimension: k, transposed: true, conjugated: true) {
                    w in
                    writePlanes(&gColsRe, &gColsIm) {
                        splitGEMM(
                            m: k, n: outArea, k: o, w, gOp, cReal: $0, cImaginary: $1, ldc: n, beta: 0, items: batch,
                            cItemStride: outArea)
                    }
                }
                self.accumulateGrad { xr, xi in
                    map.accumulate(gColsRe, into: xr)
                    if let gColsIm { map.accumulate(gColsIm, into: xi) }
                }
            }
        }
    }
}
