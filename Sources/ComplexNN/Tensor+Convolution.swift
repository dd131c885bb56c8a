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

extension Tensor {
    /// Cross-correlates an NCHW input `[N, C, H, W]` with `weight` holding `outChannels × C × kh × kw`
    /// values (any shape with that layout), giving `[N, outChannels, Ho, Wo]`, plus `bias`
    /// (`[outChannels]`, one value per output channel) when given. Input and weight may differ
    /// in kind: a real input with complex weights (a CVCNN's first layer) gives what a zero
    /// imaginary part would, with half the products; the result is complex when either is, and
    /// the bias must be of the result's kind.
    ///
    /// Computed batch item by batch item (``ItemwiseConvolution``): each item's im2col matrix
    /// `[C·kh·kw (+1), Ho·Wo]`, with a row of ones for the bias (a last column of the weights), is
    /// built in cache and its product, bias included, written straight into the item's NCHW
    /// block. Backward: [g_W | g_bias] = Σ_items G·colsᴴ; per item, Wᴴ·G is folded back onto the
    /// input (col2im). A real operand gets the real part.
    public func convolved2D(
        with weight: Tensor, bias: Tensor? = nil, outChannels: Int, geometry: ConvolutionGeometry
    ) -> Tensor {
        let convolution = convolution(with: weight, bias: bias, outChannels: outChannels, geometry: geometry)
        let map = convolution.map, itemSize = outChannels * map.outArea
        var productRe = scratchArray(count: map.batch * itemSize)
        var productIm: [Float]? = convolution.isComplex ? scratchArray(count: map.batch * itemSize) : nil
        writePlanes(&productRe, &productIm) { re, im in
            convolution.forEachItem { item, workspace in
                workspace.product(item: item, cReal: re + item * itemSize, cImaginary: im.map { $0 + item * itemSize })
            }
        }
        let parents = [self, weight] + (bias.map { [$0] } ?? [])
        return .result(
            shape: [map.batch, outChannels, map.outHeight, map.outWidth], real: productRe, imaginary: productIm,
            parents: parents
        ) { result in
            let g = result.outputGrad, complex = result.isComplex
            withBuffers(g.real, g.imaginary, [], []) { gRe, gIm, _, _ in
                convolution.backward(input: self, weight: weight, bias: bias) { item, _ in
                    (gRe.baseAddress! + item * itemSize, complex ? gIm.baseAddress! + item * itemSize : nil)
                }
            }
        }
    }

    /// The convolution of this NCHW input with `weight` (and `bias`) as ``convolved2D(with:bias:outChannels:geometry:)``
    /// describes it, its operands checked.
    func convolution(
        with weight: Tensor, bias: Tensor?, outChannels: Int, geometry: ConvolutionGeometry
    ) -> ItemwiseConvolution {
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
        return ItemwiseConvolution(input: self, weight: weight, bias: bias, outChannels: outChannels, map: map)
    }
}
