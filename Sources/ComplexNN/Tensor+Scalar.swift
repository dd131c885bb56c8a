import Foundation

// Real elementwise exponential and multiplication by a learnable scalar (e.g. a temperature).

extension Tensor {
    /// e^x elementwise for a real tensor. Backward: g_x = e^x·g.
    public func exp() -> Tensor {
        pointwiseReal { x in
            let value = Foundation.exp(x)
            return (value, value)
        }
    }

    /// Every element of this real tensor times the one-element real tensor `factor` (which may
    /// require gradients). Backward: g_x = factor·g, g_factor = Σ x·g.
    public func scaled(byScalar factor: Tensor) -> Tensor {
        precondition(
            !isComplex && !factor.isComplex && factor.count == 1,
            "scaled(byScalar:) needs real tensors and a one-element factor")
        let s = factor.real[0], values = real
        return .result(shape: shape, real: values.map { $0 * s }, imaginary: nil, parents: [self, factor]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad((g, []), scale: s)
            factor.accumulateGrad { gf, _ in gf[0] += zip(values, g).reduce(0) { $0 + $1.0 * $1.1 } }
        }
    }
}
