// Pointwise maps with their derivatives, the building block of the activations.

/// The value of a pointwise complex map at z = x + iy and its real Jacobian
/// [[∂u/∂x, ∂u/∂y], [∂v/∂x, ∂v/∂y]] where the value is u + iv.
struct PointwiseValue {
    var u: Float, v: Float
    var ux: Float, uy: Float, vx: Float, vy: Float

    /// Zero output with zero derivative.
    static let zero = PointwiseValue(u: 0, v: 0, ux: 0, uy: 0, vx: 0, vy: 0)
}

/// A pointwise complex map with its Jacobian, evaluated per element (a struct, so that the
/// loops over the planes are specialised and inlined for each activation).
protocol ComplexPointwiseMap {
    /// The value and Jacobian at x + iy, an element of channel `channel` (axis 1).
    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue
}

extension Tensor {
    /// Applies `map` to every element of a complex tensor; `map` is evaluated again in the backward pass for its Jacobian (cheaper than storing it).
    /// Backward (real chain rule on the two planes, i.e. the two-Wirtinger rule):
    /// g_x = ∂u/∂x·g_u + ∂v/∂x·g_v, g_y = ∂u/∂y·g_u + ∂v/∂y·g_v.
    func pointwiseComplex<Map: ComplexPointwiseMap>(_ map: Map) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let layout = ChannelLayout(shape.count >= 2 ? shape : [1, count])
        let re = real, im = imaginary!
        /// Calls `body(index, value)` for every element.
        func evaluate(_ body: (Int, PointwiseValue) -> Void) {
            re.withUnsafeBufferPointer { x in
                im.withUnsafeBufferPointer { y in
                    layout.forEachBlock { c, range in for i in range { body(i, map(x[i], y[i], channel: c)) } }
                }
            }
        }
        var u = scratchArray(count: count), v = scratchArray(count: count)
        u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeMutableBufferPointer { vp in
                evaluate { i, p in
                    up[i] = p.u
                    vp[i] = p.v
                }
            }
        }
        return .result(shape: shape, real: u, imaginary: v, parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                g.real.withUnsafeBufferPointer { gu in
                    g.imaginary.withUnsafeBufferPointer { gv in
                        evaluate { i, p in
                            gr[i] += p.ux * gu[i] + p.vx * gv[i]
                            gi[i] += p.uy * gu[i] + p.vy * gv[i]
                        }
                    }
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
