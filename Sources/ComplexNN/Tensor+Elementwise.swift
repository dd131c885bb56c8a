// Elementwise arithmetic, complex ↔ real conversions and reshaping. Each backward sits beside
// its forward and follows the gradient convention stated on `Tensor`.

// MARK: - Arithmetic

extension Tensor {
    /// Elementwise sum of two tensors of the same shape and kind.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.combined(with: rhs, sign: 1)
    }

    /// Elementwise difference of two tensors of the same shape and kind.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.combined(with: rhs, sign: -1)
    }

    private func combined(with other: Tensor, sign: Float) -> Tensor {
        precondition(
            shape == other.shape && isComplex == other.isComplex, "operands \(shape) and \(other.shape) differ")
        let re = zip(real, other.real).map { $0 + sign * $1 }
        let im = imaginary.map { zip($0, other.imaginary!).map { $0 + sign * $1 } }
        return .result(shape: shape, real: re, imaginary: im, parents: [self, other]) { out in
            let g = out.outputGrad
            self.accumulateGrad(g)
            other.accumulateGrad(g, scale: sign)
        }
    }

    /// Elementwise (complex) product of two tensors of the same shape and kind.
    /// Backward (holomorphic in each factor): g_a = conj(b)·g, g_b = conj(a)·g.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        precondition(
            lhs.shape == rhs.shape && lhs.isComplex == rhs.isComplex, "operands \(lhs.shape) and \(rhs.shape) differ")
        let n = lhs.count
        let ar = lhs.real, br = rhs.real
        let ai = lhs.imaginary ?? [Float](repeating: 0, count: n)
        let bi = rhs.imaginary ?? [Float](repeating: 0, count: n)
        var re = [Float](repeating: 0, count: n), im = [Float](repeating: 0, count: n)
        for i in 0..<n {
            re[i] = ar[i] * br[i] - ai[i] * bi[i]
            im[i] = ar[i] * bi[i] + ai[i] * br[i]
        }
        return .result(shape: lhs.shape, real: re, imaginary: lhs.isComplex ? im : nil, parents: [lhs, rhs]) { out in
            let g = out.outputGrad
            let gi = g.imaginary.isEmpty ? [Float](repeating: 0, count: n) : g.imaginary
            for (tensor, xr, xi) in [(lhs, br, bi), (rhs, ar, ai)] {
                tensor.accumulateGrad { tr, ti in
                    for i in 0..<n {
                        tr[i] += xr[i] * g.real[i] + xi[i] * gi[i]
                        if !ti.isEmpty { ti[i] += xr[i] * gi[i] - xi[i] * g.real[i] }
                    }
                }
            }
        }
    }

    /// Every element multiplied by the real number `factor`.
    public func scaled(by factor: Float) -> Tensor {
        .result(
            shape: shape, real: real.map { $0 * factor }, imaginary: imaginary?.map { $0 * factor }, parents: [self]
        ) { out in
            self.accumulateGrad(out.outputGrad, scale: factor)
        }
    }

    /// The sum of all elements of a real tensor, as a one-element tensor.
    public func sum() -> Tensor {
        precondition(!isComplex, "sum() is defined for real tensors")
        return .result(shape: [1], real: [real.reduce(0, +)], imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real[0]
            self.accumulateGrad { gr, _ in for i in 0..<gr.count { gr[i] += g } }
        }
    }

    /// The mean of all elements of a real tensor, as a one-element tensor.
    public func mean() -> Tensor { sum().scaled(by: 1 / Float(count)) }
}

// MARK: - Complex ↔ real

extension Tensor {
    /// A complex tensor from real tensors holding the real and imaginary parts (same shape).
    public static func complex(real: Tensor, imaginary: Tensor) -> Tensor {
        precondition(
            real.shape == imaginary.shape && !real.isComplex && !imaginary.isComplex,
            "need two real tensors of one shape")
        return .result(shape: real.shape, real: real.real, imaginary: imaginary.real, parents: [real, imaginary]) {
            out in
            let g = out.outputGrad
            real.accumulateGrad { gr, _ in for i in 0..<gr.count { gr[i] += g.real[i] } }
            imaginary.accumulateGrad { gr, _ in for i in 0..<gr.count { gr[i] += g.imaginary[i] } }
        }
    }

    /// This real tensor as a complex one with zero imaginary part (gradient: the real part).
    public func asComplex() -> Tensor {
        precondition(!isComplex, "already complex")
        return .result(shape: shape, real: real, imaginary: [Float](repeating: 0, count: count), parents: [self]) {
            out in
            let g = out.outputGrad
            self.accumulateGrad { gr, _ in for i in 0..<gr.count { gr[i] += g.real[i] } }
        }
    }

    /// Re z as a real tensor.
    public func realPart() -> Tensor { part(imaginary: false) }

    /// Im z as a real tensor.
    public func imaginaryPart() -> Tensor { part(imaginary: true) }

    private func part(imaginary wantImaginary: Bool) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let values = wantImaginary ? imaginary! : real
        return .result(shape: shape, real: values, imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad { gr, gi in
                let target = wantImaginary ? gi : gr
                for i in 0..<g.count { target[i] += g[i] }
            }
        }
    }

    /// |z| as a real tensor. Backward: g_z = g·z/|z|, defined as 0 at z = 0.
    public func modulus() -> Tensor {
        precondition(isComplex, "modulus() needs a complex tensor")
        let re = real, im = imaginary!
        let magnitude = zip(re, im).map { ($0 * $0 + $1 * $1).squareRoot() }
        return .result(shape: shape, real: magnitude, imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad { gr, gi in
                for i in 0..<g.count where magnitude[i] > 0 {
                    gr[i] += g[i] * re[i] / magnitude[i]
                    gi[i] += g[i] * im[i] / magnitude[i]
                }
            }
        }
    }

    /// A real `[batch, 2·features]` tensor `[Re z, Im z]` from a complex `[batch, …]` one
    /// (features = the product of the trailing dimensions), for a real output layer.
    public func concatenatedRealImaginary() -> Tensor {
        precondition(isComplex && shape.count >= 2, "needs a complex [batch, …] tensor")
        let batch = shape[0], features = count / batch
        var values = [Float](repeating: 0, count: 2 * count)
        for b in 0..<batch {
            for f in 0..<features {
                values[b * 2 * features + f] = real[b * features + f]
                values[b * 2 * features + features + f] = imaginary![b * features + f]
            }
        }
        return .result(shape: [batch, 2 * features], real: values, imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad { gr, gi in
                for b in 0..<batch {
                    for f in 0..<features {
                        gr[b * features + f] += g[b * 2 * features + f]
                        gi[b * features + f] += g[b * 2 * features + features + f]
                    }
                }
            }
        }
    }
}

// MARK: - Shape

extension Tensor {
    /// The same values viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return .result(shape: newShape, real: real, imaginary: imaginary, parents: [self]) { out in
            self.accumulateGrad(out.outputGrad)
        }
    }

    /// `[batch, …]` flattened to `[batch, features]`.
    public func flattened() -> Tensor { reshaped([shape[0], count / shape[0]]) }

    /// Adds `bias` (shape `[channels]`, same kind) along axis 1 (channels of NCHW, features of
    /// `[batch, features]`). Backward: the bias gradient sums the output gradient over the other axes.
    public func addingChannelBias(_ bias: Tensor) -> Tensor {
        let layout = ChannelLayout(shape)
        precondition(
            bias.shape == [layout.channels] && bias.isComplex == isComplex, "bias \(bias.shape) does not fit \(shape)")
        func shifted(_ plane: [Float], by offsets: [Float]) -> [Float] {
            plane.withUnsafeBufferPointer { x in
                makeArray(count: plane.count) { y in
                    layout.forEachBlock { c, range in
                        let offset = offsets[c]
                        for i in range { y[i] = x[i] + offset }
                    }
                }
            }
        }
        let re = shifted(real, by: bias.real), im = imaginary.map { shifted($0, by: bias.imaginary!) }
        return .result(shape: shape, real: re, imaginary: im, parents: [self, bias]) { out in
            let g = out.outputGrad
            self.accumulateGrad(g)
            if bias.requiresGrad {
                bias.accumulateGrad((layout.channelSums(g.real), out.isComplex ? layout.channelSums(g.imaginary) : []))
            }
        }
    }
}

/// Index arithmetic for axis 1 of a `[batch, channels, …]` tensor.
struct ChannelLayout {
    let batch: Int, channels: Int, inner: Int

    init(_ shape: [Int]) {
        precondition(shape.count >= 2, "need a [batch, channels, …] shape, got \(shape)")
        batch = shape[0]
        channels = shape[1]
        inner = shape.dropFirst(2).reduce(1, *)
    }

    /// The channel of flat element `index`.
    func channel(of index: Int) -> Int { (index / inner) % channels }

    /// Elements per channel over the batch (the count a channel statistic averages).
    var perChannel: Int { batch * inner }

    /// Calls `body(flatIndex)` for every element of channel `c`.
    func forEach(inChannel c: Int, _ body: (Int) -> Void) {
        for b in 0..<batch {
            let start = (b * channels + c) * inner
            for i in start..<(start + inner) { body(i) }
        }
    }
}
