import Foundation

/// The activation functions. For z = x + iy, r = |z|, θ = arg z. Wherever r appears in a
/// denominator the value at z = 0 is defined explicitly (stated per case) so that z = 0 gives
/// a finite value and gradient.
public enum ActivationKind: String, Sendable, CaseIterable, Codable {
    /// CReLU: ReLU(x) + i·ReLU(y) (ReLU′(0) = 0, as in PyTorch).
    case cReLU
    /// modReLU: ReLU(r + b)·z/r with a learnable bias b per feature (see ``ModReLU``).
    case modReLU
    /// zReLU: z when 0 ≤ θ ≤ π/2 (x ≥ 0 and y ≥ 0), else 0.
    case zReLU
    /// Cardioid: ½(1 + cos θ)·z = ½(1 + x/r)·z; at z = 0 the value is 0 and the Jacobian is the
    /// identity (the limit along the positive real axis, θ = 0).
    case cardioid
    /// Split tanh: tanh(x) + i·tanh(y).
    case splitTanh
    /// Split sigmoid: σ(x) + i·σ(y).
    case splitSigmoid
    /// Modulus tanh (phase-amplitude): tanh(r)·z/r; at z = 0 the value is 0 and the Jacobian is
    /// the identity (the limit, since tanh(r)/r → 1).
    case modulusTanh
    /// Real ReLU: max(x, 0), for real tensors.
    case relu
    /// Real GELU: x·Φ(x) with the exact normal CDF Φ (PyTorch's default), for real tensors.
    case gelu

    /// Whether this activation acts on real tensors (the real twin) rather than complex ones.
    public var isReal: Bool { self == .relu || self == .gelu }

    /// A module applying this activation; `features` is the size of axis 1 (modReLU's biases).
    public func module(features: Int) -> any Module {
        self == .modReLU ? ModReLU(features: features) : Activation(self)
    }
}

/// A parameter-free activation layer (any ``ActivationKind`` except modReLU).
public final class Activation: Module {
    public let kind: ActivationKind

    public init(_ kind: ActivationKind) {
        precondition(kind != .modReLU, "modReLU has parameters: use ModReLU")
        self.kind = kind
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { input.activated(kind) }
}

/// Something done with the pointwise map of a parameter-free complex activation, so that the
/// loops using the map are compiled for each kind (see ``ActivationKind/visitComplexMap(_:)``).
protocol ComplexMapVisitor {
    associatedtype Result
    func visit<Map: ComplexPointwiseMap>(_ map: Map) -> Result
}

extension ActivationKind {
    /// `visitor` applied to this kind's pointwise map; nil for the real kinds and modReLU.
    func visitComplexMap<Visitor: ComplexMapVisitor>(_ visitor: Visitor) -> Visitor.Result? {
        switch self {
        case .cReLU: visitor.visit(CReLUMap())
        case .zReLU: visitor.visit(ZReLUMap())
        case .cardioid: visitor.visit(CardioidMap())
        case .splitTanh: visitor.visit(SplitMap(function: .tanh))
        case .splitSigmoid: visitor.visit(SplitMap(function: .sigmoid))
        case .modulusTanh: visitor.visit(ModulusTanhMap())
        case .relu, .gelu, .modReLU: nil
        }
    }
}

extension Tensor {
    /// Applies a parameter-free activation (see ``ActivationKind``) elementwise.
    public func activated(_ kind: ActivationKind) -> Tensor {
        struct Apply: ComplexMapVisitor {
            let input: Tensor
            func visit<Map: ComplexPointwiseMap>(_ map: Map) -> Tensor { input.pointwiseComplex(map) }
        }
        if let result = kind.visitComplexMap(Apply(input: self)) { return result }
        switch kind {
        case .relu: return pointwiseReal { x in x > 0 ? (x, 1) : (0, 0) }
        case .gelu: return pointwiseReal(gelu)
        default: preconditionFailure("modReLU needs its bias: use modReLU(bias:)")
        }
    }

    /// modReLU: ReLU(|z| + b)·z/|z| with `bias` b of shape `[features]` along axis 1. For b < 0
    /// it zeroes |z| ≤ −b (a threshold); for b ≥ 0 it only shifts the modulus. At z = 0 the value
    /// and all gradients are 0. Backward for r + b > 0 (f = (1 + b/r)·z):
    /// ∂u/∂x = 1 + b·y²/r³, ∂u/∂y = ∂v/∂x = −b·xy/r³, ∂v/∂y = 1 + b·x²/r³, ∂f/∂b = z/r.
    public func modReLU(bias: Tensor) -> Tensor {
        precondition(
            isComplex && !bias.isComplex && bias.shape == [ChannelLayout(shape).channels],
            "modReLU bias \(bias.shape) does not fit \(shape)")
        let layout = ChannelLayout(shape), re = real, im = imaginary!, b = bias.real
        let active = pointwiseComplex(ModReLUMap(bias: b))
        return .result(shape: shape, real: active.real, imaginary: active.imaginary, parents: [active, bias]) { out in
            let g = out.outputGrad
            active.accumulateGrad { gr, gi in
                for i in 0..<g.real.count {
                    gr[i] += g.real[i]
                    gi[i] += g.imaginary[i]
                }
            }
            bias.accumulateGrad { gb, _ in
                for i in 0..<g.real.count {
                    let r = (re[i] * re[i] + im[i] * im[i]).squareRoot(), c = layout.channel(of: i)
                    if r > 0, r + b[c] > 0 { gb[c] += (re[i] * g.real[i] + im[i] * g.imaginary[i]) / r }
                }
            }
        }
    }
}

/// modReLU with a learnable bias per feature/channel (axis 1), initialised to `initialBias`.
public final class ModReLU: Module {
    /// `[features]`, real.
    public let bias: Tensor

    /// - Parameters:
    ///   - features: the size of axis 1 (one bias each).
    ///   - initialBias: the starting bias (default 0: the identity for z ≠ 0); the paper fixed +0.1.
    public init(features: Int, initialBias: Float = 0) {
        bias = Tensor(shape: [features], real: [Float](repeating: initialBias, count: features), requiresGrad: true)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { input.modReLU(bias: bias) }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("bias", bias)] }
}

// MARK: - Scalar kernels

private func identity(_ x: Float, _ y: Float) -> PointwiseValue {
    PointwiseValue(u: x, v: y, ux: 1, uy: 0, vx: 0, vy: 1)
}

private struct CReLUMap: ComplexPointwiseMap {
    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        PointwiseValue(u: max(x, 0), v: max(y, 0), ux: x > 0 ? 1 : 0, uy: 0, vx: 0, vy: y > 0 ? 1 : 0)
    }
}

private struct ZReLUMap: ComplexPointwiseMap {
    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        x >= 0 && y >= 0 ? identity(x, y) : .zero
    }
}

/// f(x) + i·f(y) for f = tanh (f′ = 1 − f²) or the logistic sigmoid (f′ = f(1 − f)).
private struct SplitMap: ComplexPointwiseMap {
    enum Function { case tanh, sigmoid }
    let function: Function

    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        let (u, du) = apply(x), (v, dv) = apply(y)
        return PointwiseValue(u: u, v: v, ux: du, uy: 0, vx: 0, vy: dv)
    }

    private func apply(_ x: Float) -> (value: Float, derivative: Float) {
        switch function {
        case .tanh:
            let t = Foundation.tanh(x)
            return (t, 1 - t * t)
        case .sigmoid:
            let s = 1 / (1 + Foundation.exp(-x))
            return (s, s * (1 - s))
        }
    }
}

/// ½(1 + x/r)·z: u = ½(x + x²/r), v = ½(y + xy/r).
private struct CardioidMap: ComplexPointwiseMap {
    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        // cos θ and sin θ, with θ = 0 at z = 0; branch-free so that loops over it vectorise
        let r = (x * x + y * y).squareRoot(), inverse = r > 0 ? 1 / r : 0
        let c = r > 0 ? x * inverse : 1, s = y * inverse
        // ∂u/∂x = ½(1 + 2c − c³), ∂u/∂y = −½c²s, ∂v/∂x = ½(s − c²s), ∂v/∂y = ½(1 + c − cs²)
        return PointwiseValue(
            u: 0.5 * (x + x * c), v: 0.5 * (y + y * c),
            ux: 0.5 * (1 + 2 * c - c * c * c), uy: -0.5 * c * c * s,
            vx: 0.5 * (s - c * c * s), vy: 0.5 * (1 + c - c * s * s))
    }
}

/// s(r)·z with s = tanh(r)/r: ∂u/∂x = s + x²·s′/r, ∂u/∂y = ∂v/∂x = xy·s′/r, ∂v/∂y = s + y²·s′/r.
/// Below r = 10⁻² the Taylor series s ≈ 1 − r²/3, s′/r ≈ −2/3 + 8r²/15 avoids cancellation.
private struct ModulusTanhMap: ComplexPointwiseMap {
    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        let r2 = x * x + y * y, r = r2.squareRoot()
        let s: Float, sPrimeOverR: Float
        if r < 1e-2 {
            s = 1 - r2 / 3
            sPrimeOverR = -2 / 3 + 8 * r2 / 15
        } else {
            let t = Foundation.tanh(r)
            s = t / r
            sPrimeOverR = ((1 - t * t) * r - t) / (r2 * r)
        }
        return PointwiseValue(
            u: s * x, v: s * y, ux: s + x * x * sPrimeOverR, uy: x * y * sPrimeOverR,
            vx: x * y * sPrimeOverR, vy: s + y * y * sPrimeOverR)
    }
}

/// (1 + b/r)·z where r + b > 0, else 0 (also at r = 0), b the channel's bias.
private struct ModReLUMap: ComplexPointwiseMap {
    let bias: [Float]

    func callAsFunction(_ x: Float, _ y: Float, channel: Int) -> PointwiseValue {
        let r = (x * x + y * y).squareRoot(), b = bias[channel]
        guard r > 0, r + b > 0 else { return .zero }
        let k = b / (r * r * r)
        return PointwiseValue(
            u: x + b * x / r, v: y + b * y / r, ux: 1 + k * y * y, uy: -k * x * y,
            vx: -k * x * y, vy: 1 + k * x * x)
    }
}

/// x·Φ(x) and its derivative Φ(x) + x·φ(x).
private func gelu(_ x: Float) -> (value: Float, derivative: Float) {
    let cdf = 0.5 * (1 + Foundation.erf(x / Float(2).squareRoot()))
    let pdf = Foundation.exp(-0.5 * x * x) / (2 * Float.pi).squareRoot()
    return (x * cdf, cdf + x * pdf)
}
