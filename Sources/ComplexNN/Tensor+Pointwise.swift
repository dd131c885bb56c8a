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

/// The fewest elements a pointwise map hands to a core: an activation and its Jacobian take tens
/// of cycles per element (a square root and a division for the cardioid), so smaller sweeps than
/// ``parallelGrain``'s pay for the second core.
let pointwiseGrain = 1 << 12

extension ComplexPointwiseMap {
    /// u + iv = f(x + iy) for every element (blocks of `layout` run concurrently).
    func evaluate(
        _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, layout: ChannelLayout,
        into u: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>
    ) {
        layout.forEachBlock(grain: pointwiseGrain) { c, range in
            for i in range {
                let p = self(x[i], y[i], channel: c)
                u[i] = p.u
                v[i] = p.v
            }
        }
    }

    /// g_x = ∂u/∂x·g_u + ∂v/∂x·g_v and g_y = ∂u/∂y·g_u + ∂v/∂y·g_v at every element.
    func backpropagate(
        _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, layout: ChannelLayout,
        outputGradient gu: UnsafeBufferPointer<Float>, _ gv: UnsafeBufferPointer<Float>,
        into gx: UnsafeMutableBufferPointer<Float>, _ gy: UnsafeMutableBufferPointer<Float>
    ) {
        layout.forEachBlock(grain: pointwiseGrain) { c, range in
            for i in range {
                let p = self(x[i], y[i], channel: c)
                gx[i] = p.ux * gu[i] + p.vx * gv[i]
                gy[i] = p.uy * gu[i] + p.vy * gv[i]
            }
        }
    }
}

extension Tensor {
    /// Applies `map` to every element of a complex tensor; `map` is evaluated again in the
    /// backward pass for its Jacobian (cheaper than storing it).
    /// Backward (real chain rule on the two planes, i.e. the two-Wirtinger rule):
    /// g_x = ∂u/∂x·g_u + ∂v/∂x·g_v, g_y = ∂u/∂y·g_u + ∂v/∂y·g_v.
    func pointwiseComplex<Map: ComplexPointwiseMap>(_ map: Map) -> Tensor {
        precondition(isComplex, "needs a complex tensor")
        let layout = ChannelLayout(shape.count >= 2 ? shape : [1, count])
        let re = real, im = imaginary!
        var u = scratchArray(count: count), v = scratchArray(count: count)
        re.withUnsafeBufferPointer { x in
            im.withUnsafeBufferPointer { y in
                u.withUnsafeMutableBufferPointer { u in
                    v.withUnsafeMutableBufferPointer { v in map.evaluate(x, y, layout: layout, into: u, v) }
                }
            }
        }
        return .result(shape: shape, real: u, imaginary: v, parents: [self]) { out in
            guard self.requiresGrad else { return }
            let g = out.outputGrad
            var gx = scratchArray(count: g.real.count), gy = scratchArray(count: g.real.count)
            withBuffers(re, im, g.real, g.imaginary) { x, y, gu, gv in
                gx.withUnsafeMutableBufferPointer { gx in
                    gy.withUnsafeMutableBufferPointer { gy in
                        map.backpropagate(x, y, layout: layout, outputGradient: gu, gv, into: gx, gy)
                    }
                }
            }
            self.accumulateGrad((gx, gy))
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
