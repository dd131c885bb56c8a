// Pooling over the spatial axes of NCHW tensors (no padding; output ⌊(n − k)/stride⌋ + 1).

/// The window geometry of a 2-D pooling over an NCHW shape.
struct PoolingWindows {
    let planes, height, width, kernel, stride, outHeight, outWidth: Int

    init(shape: [Int], kernel: Int, stride: Int) {
        precondition(
            shape.count == 4 && shape[2] >= kernel && shape[3] >= kernel,
            "pooling \(kernel) needs NCHW of at least that size, got \(shape)")
        (planes, height, width, self.kernel, self.stride) = (shape[0] * shape[1], shape[2], shape[3], kernel, stride)
        outHeight = (height - kernel) / stride + 1
        outWidth = (width - kernel) / stride + 1
    }

    var outputCount: Int { planes * outHeight * outWidth }

    /// Calls `body` with ranges of the planes (`N·C` of them), concurrently for large inputs:
    /// `body` may touch only the elements of its planes. Loop over a range's windows with
    /// ``forEach(inPlanes:_:)`` inside `body`, so that the loop is compiled with its body.
    func forEachPlaneRange(_ body: (Range<Int>) -> Void) {
        parallelParts(count: planes, minimumPart: max(1, parallelGrain / (height * width)), body)
    }

    /// Calls `body(outputIndex, topLeftInputIndex)` for every window of the planes `part`; the
    /// window's elements are at topLeft + ki·width + kj for ki, kj in 0..<kernel.
    @inline(__always) func forEach(inPlanes part: Range<Int>, _ body: (Int, Int) -> Void) {
        for p in part {
            for oh in 0..<outHeight {
                for ow in 0..<outWidth {
                    body((p * outHeight + oh) * outWidth + ow, (p * height + oh * stride) * width + ow * stride)
                }
            }
        }
    }
}

extension Tensor {
    /// Max pooling with a square `kernel` and `stride` (default: the kernel). A complex tensor
    /// keeps, per window, the element of largest modulus |z| (its complex value; first one on
    /// ties); a real tensor keeps the largest value. Backward: the gradient goes to the winner only.
    public func maxPooled(kernel: Int, stride: Int? = nil) -> Tensor {
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride ?? kernel), width = shape[3]
        let re = real, im = imaginary ?? []
        let winners = re.withUnsafeBufferPointer { x in
            im.withUnsafeBufferPointer { y in
                [Int](unsafeUninitializedCapacity: windows.outputCount) { w, initialized in
                    // |z|² (or the real value) of each element, computed where it is compared
                    let complex = !y.isEmpty
                    windows.forEachPlaneRange { planes in
                        windows.forEach(inPlanes: planes) { o, topLeft in
                            var best = topLeft
                            var bestScore = complex ? x[topLeft] * x[topLeft] + y[topLeft] * y[topLeft] : x[topLeft]
                            for ki in 0..<kernel {
                                let rowStart = topLeft + ki * width
                                for i in rowStart..<(rowStart + kernel) {
                                    let score = complex ? x[i] * x[i] + y[i] * y[i] : x[i]
                                    if score > bestScore {
                                        best = i
                                        bestScore = score
                                    }
                                }
                            }
                            w[o] = best
                        }
                    }
                    initialized = windows.outputCount
                }
            }
        }
        return selected(
            winners, shape: [shape[0], shape[1], windows.outHeight, windows.outWidth], groups: windows.planes)
    }

    /// Average pooling with a square `kernel` and `stride` (default: the kernel), real or complex.
    /// Backward: each input of a window receives g/kernel².
    public func averagePooled(kernel: Int, stride: Int? = nil) -> Tensor {
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride ?? kernel), width = shape[3]
        let scale = 1 / Float(kernel * kernel)
        func pool(_ plane: [Float]) -> [Float] {
            makeArray(count: windows.outputCount) { result in
                windows.forEachPlaneRange { planes in
                    windows.forEach(inPlanes: planes) { o, topLeft in
                        var sum: Float = 0
                        for ki in 0..<kernel {
                            for kj in 0..<kernel { sum += plane[topLeft + ki * width + kj] }
                        }
                        result[o] = sum * scale
                    }
                }
            }
        }
        return .result(
            shape: [shape[0], shape[1], windows.outHeight, windows.outWidth], real: pool(real),
            imaginary: imaginary.map(pool), parents: [self]
        ) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                windows.forEachPlaneRange { planes in
                    windows.forEach(inPlanes: planes) { o, topLeft in
                        for ki in 0..<kernel {
                            for kj in 0..<kernel {
                                gr[topLeft + ki * width + kj] += g.real[o] * scale
                                if !gi.isEmpty { gi[topLeft + ki * width + kj] += g.imaginary[o] * scale }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Global average pooling: `[N, C, …]` → `[N, C]`, the mean over all trailing axes.
    public func globalAveragePooled() -> Tensor {
        let layout = ChannelLayout(shape), planes = layout.batch * layout.channels, scale = 1 / Float(layout.inner)
        func pool(_ plane: [Float]) -> [Float] {
            (0..<planes).map { p in plane[(p * layout.inner)..<((p + 1) * layout.inner)].reduce(0, +) * scale }
        }
        return .result(
            shape: [layout.batch, layout.channels], real: pool(real), imaginary: imaginary.map(pool), parents: [self]
        ) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                for i in 0..<gr.count {
                    gr[i] += g.real[i / layout.inner] * scale
                    if !gi.isEmpty { gi[i] += g.imaginary[i / layout.inner] * scale }
                }
            }
        }
    }
}

/// A pooling layer with a square window: max (by |z| for complex tensors, see
/// ``Tensor/maxPooled(kernel:stride:)``) or average (``Tensor/averagePooled(kernel:stride:)``).
public final class Pool2d: Module {
    public enum Kind: String, Sendable, Codable { case max, average }

    public let kind: Kind, kernel: Int, stride: Int

    /// `stride` defaults to the kernel size.
    public init(_ kind: Kind, kernel: Int, stride: Int? = nil) {
        self.kind = kind
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch kind {
        case .max: input.maxPooled(kernel: kernel, stride: stride)
        case .average: input.averagePooled(kernel: kernel, stride: stride)
        }
    }
}
