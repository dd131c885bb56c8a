// An activation followed by |z|-max-pooling in one pass (the conv → act → pool blocks of CVCNN and PooledCNN).

extension Tensor {
    /// `activated(kind).maxPooled(kernel:stride:)` with a square window (stride defaulting to
    /// the kernel): the (height, width) form with both sides equal.
    public func activatedMaxPooled(_ kind: ActivationKind, kernel: Int, stride: Int? = nil) -> Tensor {
        activatedMaxPooled(kind, kernel: (kernel, kernel), stride: stride.map { ($0, $0) })
    }

    /// `activated(kind).maxPooled(kernel:stride:)` (NCHW, a (height, width) window, stride
    /// defaulting to the kernel), in one pass for the complex kinds: each plane is activated into
    /// a small buffer and only its windows' winners are kept, so the full-size activated tensor is
    /// never stored. Same values as the two ops; same gradients when windows do not overlap
    /// (stride ≥ kernel), else rounding may differ (an element winning two windows gets
    /// J·g₁ + J·g₂, not J·(g₁ + g₂)). Real ReLU is applied after the pooling instead: it is
    /// monotone, so the max commutes with it (an all-non-positive window gives 0 and a zero
    /// gradient either way).
    public func activatedMaxPooled(_ kind: ActivationKind, kernel: PoolingSize, stride: PoolingSize? = nil) -> Tensor {
        struct Apply: ComplexMapVisitor {
            let input: Tensor, kernel: PoolingSize, stride: PoolingSize
            func visit<Map: ComplexPointwiseMap>(_ map: Map) -> Tensor {
                input.pointwiseMaxPooled(map, kernel: kernel, stride: stride)
            }
        }
        if kind == .relu { return maxPooled(kernel: kernel, stride: stride).activated(.relu) }
        return kind.visitComplexMap(Apply(input: self, kernel: kernel, stride: stride ?? kernel))
            ?? activated(kind).maxPooled(kernel: kernel, stride: stride)
    }

    /// `pointwiseComplex(map)` then |z|-max-pooling, in one pass (see
    /// `activatedMaxPooled(_:kernel:stride:)`): each plane is activated into a small buffer
    /// (a vectorised loop) and pooled from there; each window's winner keeps its input value for
    /// the backward pass. Backward: J(z)ᵀ·g at each window's winner, scattered plane by plane
    /// (each input plane zeroed just before its scatter when the gradient is new).
    func pointwiseMaxPooled<Map: ComplexPointwiseMap>(_ map: Map, kernel: PoolingSize, stride: PoolingSize) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride), channels = shape[1]
        let planeSize = windows.height * windows.width, perPlane = windows.outHeight * windows.outWidth
        let winners = WindowWinners(count: windows.outputCount, inputCount: count)
        var u = scratchArray(count: windows.outputCount), v = scratchArray(count: windows.outputCount)
        withBuffers(real, imaginary!, [], []) { x, y, _, _ in
            u.withUnsafeMutableBufferPointer { u in
                v.withUnsafeMutableBufferPointer { v in
                    windows.forEachPlaneRange { planes in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * planeSize)
                        defer { scratch.deallocate() }
                        for plane in planes {
                            let (start, first) = (plane * planeSize, plane * perPlane)
                            poolActivatedPlane(
                                map, x.baseAddress! + start, y.baseAddress! + start, channel: plane % channels,
                                windows: windows, scratch: scratch, u: u.baseAddress! + first,
                                v: v.baseAddress! + first, winners: winners, first: first, indexBase: start)
                        }
                    }
                }
            }
        }
        let outputShape = [shape[0], channels, windows.outHeight, windows.outWidth]
        return .result(shape: outputShape, real: u, imaginary: v, parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi, beta in
                withBuffers(g.real, g.imaginary, [], []) { gu, gv, _, _ in
                    windows.forEachPlaneRange { planes in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * perPlane)
                        defer { scratch.deallocate() }
                        for plane in planes {
                            let (start, first) = (plane * planeSize, plane * perPlane)
                            if beta == 0 {
                                (gr.baseAddress! + start).initialize(repeating: 0, count: planeSize)
                                (gi.baseAddress! + start).initialize(repeating: 0, count: planeSize)
                            }
                            scatterWinnerGradients(
                                map, channel: plane % channels, count: perPlane, winners: winners, first: first,
                                gu: gu.baseAddress! + first, gv: gv.baseAddress! + first, scratch: scratch,
                                into: gr.baseAddress!, gi.baseAddress!)
                        }
                    }
                }
            }
        }
    }
}

/// `activation(input).maxPooled(kernel:)` (stride = kernel), in one pass when `activation` is a
/// parameter-free ``Activation`` (see ``Tensor/activatedMaxPooled(_:kernel:stride:)``).
func activatedMaxPooled(_ activation: any Module, _ input: Tensor, kernel: PoolingSize) -> Tensor {
    guard let activation = activation as? Activation else { return activation(input).maxPooled(kernel: kernel) }
    return input.activatedMaxPooled(activation.kind, kernel: kernel)
}
