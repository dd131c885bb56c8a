// Pooling over the spatial axes of NCHW tensors (no padding; output ⌊(n − k)/stride⌋ + 1 per axis).

/// A pooling window: (height, width) sizes, as in ``ConvolutionGeometry``.
public typealias PoolingSize = (height: Int, width: Int)

/// The window geometry of a 2-D pooling over an NCHW shape.
struct PoolingWindows {
    let planes, height, width, outHeight, outWidth: Int
    let kernel: PoolingSize, stride: PoolingSize

    init(shape: [Int], kernel: PoolingSize, stride: PoolingSize) {
        precondition(
            shape.count == 4 && shape[2] >= kernel.height && shape[3] >= kernel.width && kernel.height > 0
                && kernel.width > 0 && stride.height > 0 && stride.width > 0,
            "pooling \(kernel) with stride \(stride) needs NCHW of at least that size, got \(shape)")
        (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        (self.kernel, self.stride) = (kernel, stride)
        outHeight = (height - kernel.height) / stride.height + 1
        outWidth = (width - kernel.width) / stride.width + 1
    }

    var outputCount: Int { planes * outHeight * outWidth }

    /// Calls `body` with ranges of the planes (`N·C` of them), concurrently for large inputs:
    /// `body` may touch only the elements of its planes. Loop over a range's windows with
    /// ``forEach(inPlanes:_:)`` inside `body`, so that the loop is compiled with its body.
    func forEachPlaneRange(_ body: (Range<Int>) -> Void) {
        parallelParts(count: planes, minimumPart: max(1, parallelGrain / (height * width)), body)
    }

    /// Calls `body(outputIndex, topLeftInputIndex)` for every window of the planes `part`; the
    /// window's elements are at topLeft + ki·width + kj for ki in 0..<kernel.height, kj in
    /// 0..<kernel.width.
    @inline(__always) func forEach(inPlanes part: Range<Int>, _ body: (Int, Int) -> Void) {
        for p in part {
            for oh in 0..<outHeight {
                for ow in 0..<outWidth {
                    body(
                        (p * outHeight + oh) * outWidth + ow,
                        (p * height + oh * stride.height) * width + ow * stride.width)
                }
            }
        }
    }
}

extension Tensor {
    /// Max pooling with a square `kernel` and `stride` (default: the kernel): the (height, width)
    /// form with both sides equal.
    public func maxPooled(kernel: Int, stride: Int? = nil) -> Tensor {
        maxPooled(kernel: (kernel, kernel), stride: stride.map { ($0, $0) })
    }

    /// Max pooling with a `kernel` of (height, width) and `stride` (default: the kernel). A
    /// complex tensor keeps, per window, the element of largest modulus |z| (its complex value;
    /// first one on ties); a real tensor keeps the largest value. Backward: the gradient goes to
    /// the winner only.
    public func maxPooled(kernel: PoolingSize, stride: PoolingSize? = nil) -> Tensor {
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride ?? kernel), width = shape[3]
        let (kernelHeight, kernelWidth) = kernel
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
                            for ki in 0..<kernelHeight {
                                let rowStart = topLeft + ki * width
                                for i in rowStart..<(rowStart + kernelWidth) {
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

    /// Average pooling with a square `kernel` and `stride` (default: the kernel): the (height,
    /// width) form with both sides equal.
    public func averagePooled(kernel: Int, stride: Int? = nil) -> Tensor {
        averagePooled(kernel: (kernel, kernel), stride: stride.map { ($0, $0) })
    }

    /// Average pooling with a `kernel` of (height, width) and `stride` (default: the kernel),
    /// real or complex. Backward: each input of a window receives g/(kernel height·width).
    public func averagePooled(kernel: PoolingSize, stride: PoolingSize? = nil) -> Tensor {
        let windows = PoolingWindows(shape: shape, kernel: kernel, stride: stride ?? kernel), width = shape[3]
        let (kernelHeight, kernelWidth) = kernel, scale = 1 / Float(kernelHeight * kernelWidth)
        func pool(_ plane: [Float]) -> [Float] {
            makeArray(count: windows.outputCount) { result in
                windows.forEachPlaneRange { planes in
                    windows.forEach(inPlanes: planes) { o, topLeft in
                        var sum: Float = 0
                        for ki in 0..<kernelHeight {
                            for kj in 0..<kernelWidth { sum += plane[topLeft + ki * width + kj] }
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
                        for ki in 0..<kernelHeight {
                            for kj in 0..<kernelWidth {
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

extension Tensor {
    /// Global pooling of a `[N, C, rows, frames]` map (frequency × time) → `[N, C]` that keeps
    /// the strongest moment: the mean over rows, then over frames the mean plus the maximum
    /// (PANNs' CNN14 head) — for a complex tensor the frame of largest |z|, its complex value
    /// (first one on ties, like ``maxAlongAxis1()``). Backward: through the means to every
    /// element, and through the maximum to the rows of the winning frame.
    public func globalMeanMaxPooled() -> Tensor {
        precondition(shape.count == 4, "globalMeanMaxPooled needs [N, C, rows, frames], got \(shape)")
        let (planes, frames) = (shape[0] * shape[1], shape[3])
        // [N·C, rows, frames] → mean over rows → [N·C, frames], seen as [N·C, frames, 1]
        let overRows = reshaped([planes, shape[2], frames]).meanAlongAxis1().reshaped([planes, frames, 1])
        return (overRows.meanAlongAxis1() + overRows.maxAlongAxis1()).reshaped([shape[0], shape[1]])
    }

    /// The mean plus the maximum (by |z| for complex maps) over frames of every row of every
    /// channel: `[N, C, rows, frames]` → `[N, C·rows]` (channel-major), the frequency axis kept.
    public func timeMeanMaxPooled() -> Tensor {
        precondition(shape.count == 4, "timeMeanMaxPooled needs [N, C, rows, frames], got \(shape)")
        let series = reshaped([shape[0] * shape[1] * shape[2], shape[3], 1])
        return (series.meanAlongAxis1() + series.maxAlongAxis1()).reshaped([shape[0], shape[1] * shape[2]])
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
