// Pointwise maps with their derivatives, the building block of the activations.

/// The value of a pointwise complex map at z = x + iy and its real Jacobian
/// [[∂u/∂x, ∂u/∂y], [∂v/∂x, ∂v/∂y]] where the value is u + iv.
struct PointwiseValue {
    var u: Float, v: Float
    var ux: Float, uy: Float, vx: Float, vy: Float

    /// Zero output with zero derivative.
    static let zero = PointwiseValue(u: 0, v: 0, ux: 0, uy: 0, vx: 0, vy: 0)
}

extension Tensor {
    /// Applies `map` to every element of a complex tensor; `map` gets (Re z, Im z, channel).
    /// Backward (real chain rule on the two planes, i.e. the two-Wirtinger rule):
    /// g_x = ∂u/∂x·g_u + ∂v/∂x·g_v, g_y = ∂u/∂y·g_u + ∂v/∂y·g_v.
    func pointwiseComplex(_ map: (Float, Float, Int) -> PointwiseValue) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let layout = ChannelLayout(shape.count >= 2 ? shape : [1, count])
        let n = count, re = real, im = imaginary!
        var values = [PointwiseValue](repeating: .zero, count: n)
        for i in 0..<n { values[i] = map(re[i], im[i], layout.channel(of: i)) }
        return .result(shape: shape, real: values.map(\.u), imaginary: values.map(\.v), parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                for i in 0..<n {
                    let p = values[i]
                    gr[i] += p.ux * g.real[i] + p.vx * g.imaginary[i]
                    gi[i] += p.uy * g.real[i] + p.vy * g.imaginary[i]
                }
            }
        }
    }

    /// Applies `map` (returning the value and its derivative) to every element of a real tensor.
    func pointwiseReal(_ map: (Float) -> (value: Float, derivative: Float)) -> Tensor {
        precondition(!isComplex, "needs a real tensor")
        let values = real.map(map)
        return .result(shape: shape, real: values.map(\.value), imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad { gr, _ in for i in 0..<g.count { gr[i] += values[i].derivative * g[i] } }
        }
    }
}
