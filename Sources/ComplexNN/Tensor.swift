/// A contiguous row-major tensor of `Float` or complex `Float` values that records the operations
/// applied to it, so that ``backward()`` can compute gradients (reverse-mode autograd).
///
/// **Storage.** Values are kept as split planes: `real` and, for complex tensors, `imaginary`, each
/// `shape.reduce(1, *)` floats long. Split planes were chosen over interleaved storage after
/// measuring the products of a CVCNN step with OpenBLAS (2 threads, release, a throwaway C
/// benchmark): four `sgemm`s on split planes vs one interleaved `cgemm` vs Gauss's three
/// `sgemm`s — [32×1200]·[1200×500]: 1.07 / 0.90 / 1.04 ms; conv1 im2col [10×4]·[4×48000]:
/// 0.29 / 0.27 / 0.76 ms; conv2 [20×40]·[40×9760]: 0.61 / 0.46 / 0.88 ms. Interleaved GEMMs
/// are up to ~25 % faster (about 1.5 ms per training step), but split planes make the
/// elementwise ops and activations contiguous real loops, let real tensors share every code
/// path, and make conjugation a sign. Gauss's trick does not pay at these sizes.
///
/// **Shapes.** Images are NCHW (`[batch, channels, height, width]`), dense activations
/// `[batch, features]`; axis 1 is the channel/feature axis for biases, batch norm and modReLU.
///
/// **Gradient convention.** For a real loss L, the gradient stored for a complex tensor z is
/// ∂L/∂(Re z) + i·∂L/∂(Im z) = 2·∂L/∂z̄ — exactly PyTorch's `.grad` (L = |z|² gives 2z) — so
/// SGD and Adam apply unchanged to the two planes. For a holomorphic op w = f(z) the backward is
/// g_z = conj(f′(z))·g_w; for a non-holomorphic one, g_z = conj(∂f/∂z)·g_w + (∂f/∂z̄)·conj(g_w).
/// With split planes this is the ordinary real chain rule applied to (Re z, Im z).
/// For a real tensor the gradient is simply ∂L/∂x.
public final class Tensor {
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The real parts (or the values of a real tensor), row-major.
    public var real: [Float]
    /// The imaginary parts; `nil` for a real tensor.
    public var imaginary: [Float]?
    /// ∂L/∂(Re), allocated (zero-filled) when a gradient first arrives; empty before.
    public var gradReal: [Float] = []
    /// ∂L/∂(Im) for complex tensors; empty before a gradient arrives and for real tensors.
    public var gradImaginary: [Float] = []
    /// Whether gradients flow to this tensor. Set it on leaves (parameters, inputs to check).
    public var requiresGrad: Bool

    private var parents: [Tensor] = []
    private var backwardStep: ((Tensor) -> Void)?

    /// A tensor holding `real` (and `imaginary`, for a complex tensor) with the given shape.
    public init(shape: [Int], real: [Float], imaginary: [Float]? = nil, requiresGrad: Bool = false) {
        let count = shape.reduce(1, *)
        precondition(real.count == count, "shape \(shape) needs \(count) values, got \(real.count)")
        precondition(imaginary == nil || imaginary!.count == count, "imaginary plane has wrong length")
        self.shape = shape
        self.real = real
        self.imaginary = imaginary
        self.requiresGrad = requiresGrad
    }

    /// A tensor from values read elsewhere (a file, a caller): like
    /// ``init(shape:real:imaginary:requiresGrad:)`` but throws instead of stopping when the
    /// planes do not hold `shape.reduce(1, *)` values or a dimension is negative.
    public convenience init(checkedShape shape: [Int], real: [Float], imaginary: [Float]? = nil)
        throws(TensorShapeError)
    {
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), real.count == count, imaginary.map({ $0.count == count }) ?? true else {
            throw TensorShapeError(shape: shape, realCount: real.count, imaginaryCount: imaginary?.count)
        }
        self.init(shape: shape, real: real, imaginary: imaginary)
    }

    /// A tensor of zeros, complex when `complex` is true.
    public convenience init(zeros shape: [Int], complex: Bool, requiresGrad: Bool = false) {
        let count = shape.reduce(1, *)
        self.init(
            shape: shape, real: [Float](repeating: 0, count: count),
            imaginary: complex ? [Float](repeating: 0, count: count) : nil, requiresGrad: requiresGrad)
    }

    /// The number of elements.
    public var count: Int { real.count }
    /// Whether the tensor holds complex values.
    public var isComplex: Bool { imaginary != nil }
    /// The value of a one-element real tensor (e.g. a loss).
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return real[0]
    }
    /// The gradient as a tensor of the same shape (zeros if none arrived).
    public var grad: Tensor {
        let zeros = [Float](repeating: 0, count: count)
        return Tensor(
            shape: shape, real: gradReal.isEmpty ? zeros : gradReal,
            imaginary: isComplex ? (gradImaginary.isEmpty ? zeros : gradImaginary) : nil)
    }

    /// A copy of the values with no autograd history.
    public func detached() -> Tensor { Tensor(shape: shape, real: real, imaginary: imaginary) }

    /// Forgets the accumulated gradient.
    public func zeroGrad() {
        gradReal = []
        gradImaginary = []
    }
}

// MARK: - Recording operations

// The extension points for differentiable ops, `package` so that the package's other modules
// (PhaseGraph's graph normalisation, say) define ops the way ComplexNN's own files do: compute
// the output planes, return them through ``result(shape:real:imaginary:parents:backward:)`` with
// a backward step written beside the forward, and in that step read ``outputGrad`` and add the
// parents' gradients with `accumulateGrad` (the gradient convention is `Tensor`'s).
// A sketch of y = 3x for a real tensor:
//
//     Tensor.result(shape: x.shape, real: x.real.map { 3 * $0 }, imaginary: nil, parents: [x]) { out in
//         let g = out.outputGrad.real
//         x.accumulateGrad { gx, _ in for i in 0..<g.count { gx[i] += 3 * g[i] } }
//     }

extension Tensor {
    /// The result of an operation: records `parents` and the `backward` step (which reads the
    /// result's gradient and accumulates into the parents') when gradients are enabled and some
    /// parent requires them. `backward` receives the result itself (read its ``outputGrad``);
    /// capture the inputs it needs, not the result, so the graph holds no cycle.
    package static func result(
        shape: [Int], real: [Float], imaginary: [Float]?, parents: [Tensor],
        backward: @escaping (Tensor) -> Void
    ) -> Tensor {
        let output = Tensor(shape: shape, real: real, imaginary: imaginary)
        if GradientMode.isEnabled, parents.contains(where: \.requiresGrad) {
            output.requiresGrad = true
            output.parents = parents
            output.backwardStep = backward
        }
        return output
    }

    /// Runs `body` on the gradient planes (zero-filled on first use; `imaginary` is empty for a
    /// real tensor) if this tensor requires a gradient; `body` adds its contribution (`+=`).
    package func accumulateGrad(
        _ body: (_ real: UnsafeMutableBufferPointer<Float>, _ imaginary: UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        guard requiresGrad else { return }
        if gradReal.isEmpty { gradReal = zeroArray(count: count) }
        if isComplex, gradImaginary.isEmpty { gradImaginary = zeroArray(count: count) }
        gradReal.withUnsafeMutableBufferPointer { gr in
            gradImaginary.withUnsafeMutableBufferPointer { gi in body(gr, gi) }
        }
    }

    /// Runs `body(real, imaginary, beta)` on the gradient planes if this tensor requires a
    /// gradient: on the first arrival they are uninitialised and beta is 0 (`body` must write
    /// every element), later beta is 1 (`body` adds) — for a BLAS product written straight into
    /// the gradient as C = beta·C + A·B, which then needs no zero-filling first.
    func accumulateGrad(
        beta body: (
            _ real: UnsafeMutableBufferPointer<Float>, _ imaginary: UnsafeMutableBufferPointer<Float>, _ beta: Float
        )
            -> Void
    ) {
        guard requiresGrad else { return }
        let fresh = gradReal.isEmpty
        if fresh {
            gradReal = scratchArray(count: count)
            if isComplex { gradImaginary = scratchArray(count: count) }
        }
        gradReal.withUnsafeMutableBufferPointer { gr in
            gradImaginary.withUnsafeMutableBufferPointer { gi in body(gr, gi, fresh ? 0 : 1) }
        }
    }

    /// The gradient planes of an op's output inside its backward step (zeros if none arrived;
    /// `imaginary` is empty for a real tensor).
    package var outputGrad: (real: [Float], imaginary: [Float]) {
        let zeros = gradReal.isEmpty || (isComplex && gradImaginary.isEmpty) ? zeroArray(count: count) : []
        return (
            gradReal.isEmpty ? zeros : gradReal,
            isComplex ? (gradImaginary.isEmpty ? zeros : gradImaginary) : []
        )
    }
}

// MARK: - Backward pass

extension Tensor {
    /// Computes gradients of this one-element real tensor (the loss) with respect to every tensor
    /// that requires them, accumulating with `+=` into their `gradReal`/`gradImaginary`.
    /// The recorded graph is released afterwards (leaf gradients stay).
    public func backward() {
        precondition(count == 1 && !isComplex, "backward() needs a real scalar loss, shape is \(shape)")
        backward(seedReal: [1], seedImaginary: nil)
    }

    /// Backpropagates the given output gradient (planes of this tensor's size) through the graph.
    public func backward(seedReal: [Float], seedImaginary: [Float]?) {
        precondition(seedReal.count == count && (seedImaginary?.count ?? count) == count, "seed size mismatch")
        accumulateGrad { gr, gi in
            for i in 0..<count { gr[i] += seedReal[i] }
            if let seedImaginary { for i in 0..<count { gi[i] += seedImaginary[i] } }
        }
        for node in topologicalOrder().reversed() {
            node.backwardStep?(node)
            node.backwardStep = nil
            node.parents = []
        }
    }

    /// Every recorded node reachable from this one, each after all of its parents.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Tensor, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }
}

/// Planes whose lengths do not match the shape they were given.
public struct TensorShapeError: Error, Equatable, CustomStringConvertible {
    public let shape: [Int], realCount: Int, imaginaryCount: Int?

    public var description: String {
        "shape \(shape) needs \(shape.reduce(1, *)) values per plane, got \(realCount) real"
            + (imaginaryCount.map { " and \($0) imaginary" } ?? "")
    }
}

/// Whether operations record the graph for autograd (on by default, per task).
public enum GradientMode {
    @TaskLocal static var enabled = true

    /// Whether operations currently record the graph.
    public static var isEnabled: Bool { enabled }

    /// Runs `body` without recording any graph (evaluation / inference).
    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        try $enabled.withValue(false) { try body() }
    }
}
