// Convolution → activation → |z|-max-pooling as one op: the blocks of the paper's CVCNN.

extension Tensor {
    /// `convolved2D(with:bias:outChannels:geometry:)` → `activatedMaxPooled(kind, kernel:)`:
    /// an NCHW input `[N, C, H, W]` → `[N, outChannels, ⌊Ho/kh⌋, ⌊Wo/kw⌋]` for the convolution's
    /// output size Ho × Wo and the pooling `kernel` (kh, kw), which is also the pooling stride.
    /// In one op when the convolution's output is complex and `kind` is a parameter-free complex
    /// activation (else the two ops): each batch item's convolution output is computed in a
    /// per-core buffer (``ItemwiseConvolution``), activated and pooled there, so neither the
    /// batch's convolution output nor its gradient is ever stored — only each window's winner
    /// (its input value and index). The same values and gradients as the two ops, bit for bit
    /// (the same products and loops, item by item).
    ///
    /// Backward, per item: J(z)ᵀ·g at the window winners, scattered into a zeroed buffer of the
    /// item's convolution output, and the convolution's backward step from that buffer.
    public func convolvedActivatedMaxPooled(
        with weight: Tensor, bias: Tensor? = nil, outChannels: Int, geometry: ConvolutionGeometry,
        activation kind: ActivationKind, kernel: PoolingSize
    ) -> Tensor {
        struct Apply: ComplexMapVisitor {
            let input: Tensor, convolution: ItemwiseConvolution, weight: Tensor, bias: Tensor?, kernel: PoolingSize
            func visit<Map: ComplexPointwiseMap>(_ map: Map) -> Tensor {
                input.convolvedPointwiseMaxPooled(map, convolution, weight: weight, bias: bias, kernel: kernel)
            }
        }
        let convolution = convolution(with: weight, bias: bias, outChannels: outChannels, geometry: geometry)
        let fused =
            convolution.isComplex
            ? kind.visitComplexMap(
                Apply(input: self, convolution: convolution, weight: weight, bias: bias, kernel: kernel)) : nil
        return fused
            ?? convolved2D(with: weight, bias: bias, outChannels: outChannels, geometry: geometry)
            .activatedMaxPooled(kind, kernel: kernel)
    }

    /// The fused op of ``convolvedActivatedMaxPooled(with:bias:outChannels:geometry:activation:kernel:)``
    /// for the activation's pointwise map.
    private func convolvedPointwiseMaxPooled<Map: ComplexPointwiseMap>(
        _ map: Map, _ convolution: ItemwiseConvolution, weight: Tensor, bias: Tensor?, kernel: PoolingSize
    ) -> Tensor {
        let (o, index) = (convolution.o, convolution.map), outArea = index.outArea
        let windows = PoolingWindows(
            shape: [index.batch, o, index.outHeight, index.outWidth], kernel: kernel, stride: kernel)
        let perPlane = windows.outHeight * windows.outWidth, perItem = o * perPlane
        let winners = WindowWinners(count: windows.outputCount, inputCount: o * outArea)
        var u = scratchArray(count: windows.outputCount), v = scratchArray(count: windows.outputCount)
        u.withUnsafeMutableBufferPointer { u in
            v.withUnsafeMutableBufferPointer { v in
                _ = convolution.forEachItem(extra: 2 * o * outArea + 2 * outArea) { item, workspace in
                    let (productRe, productIm) = (workspace.extra, workspace.extra + o * outArea)
                    workspace.product(item: item, cReal: productRe, cImaginary: productIm)
                    for c in 0..<o {
                        let first = item * perItem + c * perPlane
                        poolActivatedPlane(
                            map, productRe + c * outArea, productIm + c * outArea, channel: c, windows: windows,
                            scratch: productIm + o * outArea, u: u.baseAddress! + first, v: v.baseAddress! + first,
                            winners: winners, first: first, indexBase: c * outArea)
                    }
                }
            }
        }
        let shape = [index.batch, o, windows.outHeight, windows.outWidth]
        return .result(shape: shape, real: u, imaginary: v, parents: [self, weight] + (bias.map { [$0] } ?? [])) {
            out in
            let g = out.outputGrad
            withBuffers(g.real, g.imaginary, [], []) { gu, gv, _, _ in
                convolution.backward(input: self, weight: weight, bias: bias, extra: 2 * o * outArea + 2 * perPlane) {
                    item, workspace in
                    let (gRe, gIm) = (workspace.extra, workspace.extra + o * outArea)
                    gRe.initialize(repeating: 0, count: 2 * o * outArea)
                    for c in 0..<o {
                        let first = item * perItem + c * perPlane
                        scatterWinnerGradients(
                            map, channel: c, count: perPlane, winners: winners, first: first,
                            gu: gu.baseAddress! + first, gv: gv.baseAddress! + first, scratch: gIm + o * outArea,
                            into: gRe, gIm)
                    }
                    return (UnsafePointer(gRe), UnsafePointer(gIm))
                }
            }
        }
    }
}

/// `activatedMaxPooled(activation, conv(input), kernel:)`, in one op when `activation` is a
/// parameter-free ``Activation`` (see ``Tensor/convolvedActivatedMaxPooled(with:bias:outChannels:geometry:activation:kernel:)``).
func convolvedActivatedMaxPooled(
    _ conv: Conv2d, _ activation: any Module, _ input: Tensor, kernel: PoolingSize
) -> Tensor {
    guard let activation = activation as? Activation else {
        return activatedMaxPooled(activation, conv(input), kernel: kernel)
    }
    return input.convolvedActivatedMaxPooled(
        with: conv.weight, bias: conv.bias, outChannels: conv.weight.shape[0], geometry: conv.geometry,
        activation: activation.kind, kernel: kernel)
}
