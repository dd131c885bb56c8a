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
    /// (a vectorised loop) and pooled from there. Backward: J(z)ᵀ·g at each window's winner,
    /// evaluated over the winners gathered per plane.
    func pointwiseMaxPooled<Map: ComplexPointwiseMap>(_ map: Map, kernel: PoolingSize, stride: PoolingSize) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride)
        let re = real, im = imaginary!, channels = shape[1]
        let (u, v, winners) = activatedWindowWinners(map, re, im, windows: windows, channels: channels)
        let outputShape = [shape[0], channels, windows.outHeight, windows.outWidth]
        return .result(shape: outputShape, real: u, imaginary: v, parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                accumulateAtWinners(map, re, im, g.real, g.imaginary, winners, windows, channels: channels, gr, gi)
            }
        }
    }
}

/// The activated values (u, v) at each window's |map(z)|-winner of the NCHW planes `re`, `im`,
/// and the winners' flat indices in the input: each plane is activated into a small buffer and
/// pooled from there. Not `@inline(__always)` (nor `accumulateAtWinners`): forced into the caller,
/// the map's loops were no longer vectorised (callgrind: twice the instructions of the pass).
private func activatedWindowWinners<Map: ComplexPointwiseMap>(
    _ map: Map, _ re: [Float], _ im: [Float], windows: PoolingWindows, channels: Int
) -> (u: [Float], v: [Float], winners: [Int]) {
    let planeSize = windows.height * windows.width
    var u = scratchArray(count: windows.outputCount), v = scratchArray(count: windows.outputCount)
    var winners = [Int](repeating: 0, count: windows.outputCount)
    re.withUnsafeBufferPointer { x in
        im.withUnsafeBufferPointer { y in
            u.withUnsafeMutableBufferPointer { u in
                v.withUnsafeMutableBufferPointer { v in
                    winners.withUnsafeMutableBufferPointer { w in
                        windows.forEachPlaneRange { planes in
                            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * planeSize)
                            defer { buffer.deallocate() }
                            let (fu, fv) = (buffer.baseAddress!, buffer.baseAddress! + planeSize)
                            for plane in planes {
                                let c = plane % channels, start = plane * planeSize
                                let (xs, ys) = (x.baseAddress! + start, y.baseAddress! + start)
                                for j in 0..<planeSize {
                                    let p = map(xs[j], ys[j], channel: c)
                                    (fu[j], fv[j]) = (p.u, p.v)
                                }
                                windows.forEach(inPlanes: plane..<plane + 1) { o, topLeft in
                                    let best = windowWinner(fu, fv, corner: topLeft &- start, windows: windows)
                                    (w[o], u[o], v[o]) = (start &+ best, fu[best], fv[best])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return (u, v, winners)
}

/// The index (in the plane buffers `fu`, `fv`) of the largest |(u, v)|² in the window whose
/// top-left corner is `corner`; the first one on ties.
@inline(__always)
private func windowWinner(
    _ fu: UnsafeMutablePointer<Float>, _ fv: UnsafeMutablePointer<Float>, corner: Int, windows: PoolingWindows
) -> Int {
    var best = corner, bestScore = fu[corner] * fu[corner] + fv[corner] * fv[corner]
    for ki in 0..<windows.kernel.height {
        let rowStart = corner &+ ki &* windows.width
        for j in rowStart..<(rowStart &+ windows.kernel.width) {
            let score = fu[j] * fu[j] + fv[j] * fv[j]
            if score > bestScore { (best, bestScore) = (j, score) }
        }
    }
    return best
}

/// Adds J(z)ᵀ·g at each window's winner to the input gradient planes `gr`, `gi`: per plane the
/// winners are gathered, Jᵀ applied in a vectorisable loop, and the results scattered.
private func accumulateAtWinners<Map: ComplexPointwiseMap>(
    _ map: Map, _ re: [Float], _ im: [Float], _ gRe: [Float], _ gIm: [Float], _ winners: [Int],
    _ windows: PoolingWindows, channels: Int, _ gr: UnsafeMutableBufferPointer<Float>,
    _ gi: UnsafeMutableBufferPointer<Float>
) {
    let perPlane = windows.outHeight * windows.outWidth
    withBuffers(re, im, gRe, gIm) { x, y, gu, gv in
        winners.withUnsafeBufferPointer { w in
            windows.forEachPlaneRange { planes in
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4 * perPlane)
                defer { buffer.deallocate() }
                let (wx, wy) = (buffer.baseAddress!, buffer.baseAddress! + perPlane)
                let (gx, gy) = (wx + 2 * perPlane, wx + 3 * perPlane)
                for plane in planes {
                    let first = plane &* perPlane, c = plane % channels
                    let (wp, gup, gvp) = (w.baseAddress! + first, gu.baseAddress! + first, gv.baseAddress! + first)
                    for j in 0..<perPlane { (wx[j], wy[j]) = (x[wp[j]], y[wp[j]]) }
                    for j in 0..<perPlane {
                        let p = map(wx[j], wy[j], channel: c)
                        gx[j] = p.ux * gup[j] + p.vx * gvp[j]
                        gy[j] = p.uy * gup[j] + p.vy * gvp[j]
                    }
                    for j in 0..<perPlane {
                        gr[wp[j]] += gx[j]
                        gi[wp[j]] += gy[j]
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
