import Foundation

// Optimizers in order of increasing complexity (SGD → Adam → AdamW) (the learning-rate
// schedules are in LearningRateSchedules.swift). A complex parameter is
// treated as its real and imaginary planes, i.e. as independent real numbers (PyTorch's
// `view_as_real` semantics for complex parameters), so Adam's second moment is per real
// component. Training allocates the same buffers every step: a program that trains calls
// `ProcessTuning.apply()` once, which keeps freed memory for reuse.

/// Updates parameters from their accumulated gradients.
public protocol Optimizer: AnyObject {
    /// The step size, changeable between steps (see ``LearningRateSchedule``).
    var learningRate: Float { get set }
    /// One update of every parameter from its current gradient (a missing gradient counts as 0).
    func step()
    /// Everything the next ``step()`` depends on besides the parameters (for checkpoints).
    func exportState() -> OptimizerState
    /// Restores what ``exportState()`` returned from an optimizer of the same kind over
    /// parameters of the same sizes; throws (changing nothing) when it does not fit.
    func restoreState(_ state: OptimizerState) throws(OptimizerStateError)
}

/// An optimizer's internal state: the step count and named buffers (`velocity.3.1` is the
/// momentum of parameter 3's imaginary plane); a buffer not yet created is absent.
public struct OptimizerState: Sendable, Equatable {
    public var step: Int
    public var buffers: [String: [Float]]

    public init(step: Int, buffers: [String: [Float]]) {
        self.step = step
        self.buffers = buffers
    }
}

/// An ``OptimizerState`` that does not fit the optimizer it is restored into.
public struct OptimizerStateError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { "optimizer state: \(reason)" }
}

/// Calls `body(planeIndex, values, gradient)` for the real and (if complex) imaginary plane of
/// `parameter`; a missing gradient reads as zeros.
private func forEachPlane(
    of parameter: Tensor, _ body: (Int, UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void
) {
    let zeros = [Float](repeating: 0, count: parameter.gradReal.isEmpty ? parameter.count : 0)
    let gradients = [
        parameter.gradReal.isEmpty ? zeros : parameter.gradReal,
        parameter.gradImaginary.isEmpty ? zeros : parameter.gradImaginary,
    ]
    parameter.real.withUnsafeMutableBufferPointer { values in
        gradients[0].withUnsafeBufferPointer { body(0, values, $0) }
    }
    guard parameter.imaginary != nil else { return }
    parameter.imaginary!.withUnsafeMutableBufferPointer { values in
        gradients[1].withUnsafeBufferPointer { body(1, values, $0) }
    }
}

/// Per-parameter, per-plane optimizer state (momentum buffers, moments), updated in place.
private final class PlaneState {
    private var buffers: [[Float]]

    init(parameterCount: Int) { buffers = Array(repeating: [], count: 2 * parameterCount) }

    /// The created buffers as `prefix.parameter.plane`.
    func exported(prefix: String) -> [String: [Float]] {
        var result: [String: [Float]] = [:]
        for (key, buffer) in buffers.enumerated() where !buffer.isEmpty {
            result["\(prefix).\(key / 2).\(key % 2)"] = buffer
        }
        return result
    }

    /// Checks the buffers named `prefix.*` in `state` against `parameters`' plane sizes and returns
    /// the replacement buffer list; nothing is changed here.
    func checked(_ state: [String: [Float]], prefix: String, parameters: [Tensor]) throws(OptimizerStateError)
        -> [[Float]]
    {
        var result = Array(repeating: [Float](), count: buffers.count)
        for (name, values) in state where name.hasPrefix(prefix + ".") {
            let parts = name.dropFirst(prefix.count + 1).split(separator: ".").compactMap { Int($0) }
            guard parts.count == 2, parts[0] < parameters.count, parts[1] < (parameters[parts[0]].isComplex ? 2 : 1)
            else {
                throw OptimizerStateError(reason: "'\(name)' names no parameter plane")
            }
            guard values.count == parameters[parts[0]].count else {
                throw OptimizerStateError(
                    reason: "'\(name)' has \(values.count) values, the parameter \(parameters[parts[0]].count)")
            }
            result[2 * parts[0] + parts[1]] = values
        }
        return result
    }

    func replace(with buffers: [[Float]]) { self.buffers = buffers }

    /// Throws when `state` holds a buffer whose name starts with none of `prefixes` (the state
    /// of another kind of optimizer).
    static func requireOnly(_ prefixes: [String], in state: [String: [Float]]) throws(OptimizerStateError) {
        if let stray = state.keys.sorted().first(where: { name in !prefixes.contains { name.hasPrefix($0 + ".") } }) {
            throw OptimizerStateError(reason: "'\(stray)' is not state of this optimizer")
        }
    }

    /// Runs `body(buffer, isFresh)` on the buffer of (`parameter`, `plane`), created as `count`
    /// zeros (and flagged fresh) on first use.
    func withBuffer(
        _ parameter: Int, _ plane: Int, count: Int, _ body: (UnsafeMutableBufferPointer<Float>, Bool) -> Void
    ) {
        let key = 2 * parameter + plane, fresh = buffers[key].isEmpty
        if fresh { buffers[key] = [Float](repeating: 0, count: count) }
        buffers[key].withUnsafeMutableBufferPointer { body($0, fresh) }
    }
}

/// Stochastic gradient descent with optional momentum, Nesterov momentum and (L2) weight decay,
/// following `torch.optim.SGD`: d = g + λ·p; b = d on the first step, else b = μ·b + d;
/// d = d + μ·b (Nesterov) or d = b; p ← p − lr·d.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float, nesterov: Bool, weightDecay: Float
    private let parameters: [Tensor]
    private let velocity: PlaneState

    /// - Parameters:
    ///   - parameters: the tensors to update (e.g. `model.parameters()`).
    ///   - momentum: μ (default 0: plain SGD); `nesterov` uses the look-ahead form.
    ///   - weightDecay: λ of the L2 term added to the gradient (default 0).
    public init(
        parameters: [Tensor], learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        velocity = PlaneState(parameterCount: parameters.count)
    }

    public func step() {
        let (rate, mu, decay, nesterov) = (learningRate, momentum, weightDecay, nesterov)
        for (index, parameter) in parameters.enumerated() {
            forEachPlane(of: parameter) { plane, p, g in
                velocity.withBuffer(index, plane, count: p.count) { buffer, fresh in
                    for i in 0..<p.count {
                        var direction = g[i] + decay * p[i]
                        if mu != 0 {
                            buffer[i] = fresh ? direction : mu * buffer[i] + direction
                            direction = nesterov ? direction + mu * buffer[i] : buffer[i]
                        }
                        p[i] -= rate * direction
                    }
                }
            }
        }
    }

    public func exportState() -> OptimizerState {
        OptimizerState(step: 0, buffers: velocity.exported(prefix: "velocity"))
    }

    public func restoreState(_ state: OptimizerState) throws(OptimizerStateError) {
        try PlaneState.requireOnly(["velocity"], in: state.buffers)
        velocity.replace(with: try velocity.checked(state.buffers, prefix: "velocity", parameters: parameters))
    }
}

/// Adam (`torch.optim.Adam`, L2 weight decay added to the gradient):
/// m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², p ← p − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + eps).
public class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    fileprivate let parameters: [Tensor]
    private let decoupledWeightDecay: Bool
    fileprivate let firstMoment: PlaneState, secondMoment: PlaneState
    fileprivate var stepCount = 0

    /// Defaults as `torch.optim.Adam`: lr 1e-3, β = (0.9, 0.999), eps 1e-8, no weight decay.
    public convenience init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.init(
            parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            weightDecay: weightDecay, decoupled: false)
    }

    init(
        parameters: [Tensor], learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float,
        decoupled: Bool
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.epsilon, self.weightDecay) = (beta1, beta2, epsilon, weightDecay)
        decoupledWeightDecay = decoupled
        firstMoment = PlaneState(parameterCount: parameters.count)
        secondMoment = PlaneState(parameterCount: parameters.count)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - Foundation.pow(beta1, Float(stepCount))
        let inverseCorrection2 = 1 / (1 - Foundation.pow(beta2, Float(stepCount))).squareRoot()
        let (rate, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let l2 = decoupledWeightDecay ? 0 : weightDecay, shrink = decoupledWeightDecay ? 1 - rate * weightDecay : 1
        for (index, parameter) in parameters.enumerated() {
            forEachPlane(of: parameter) { plane, p, g in
                firstMoment.withBuffer(index, plane, count: p.count) { m, _ in
                    secondMoment.withBuffer(index, plane, count: p.count) { v, _ in
                        parallelParts(count: p.count) { range in
                            forEachLane(range, p, m, v, g) { p, m, v, g in
                                let gradient = g + l2 * p
                                m = b1 * m + (1 - b1) * gradient
                                v = b2 * v + (1 - b2) * gradient * gradient
                                p = p * shrink - (rate / correction1) * m / (v.squareRoot() * inverseCorrection2 + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Adam {
    public func exportState() -> OptimizerState {
        OptimizerState(
            step: stepCount,
            buffers: firstMoment.exported(prefix: "m").merging(secondMoment.exported(prefix: "v")) { a, _ in a })
    }

    public func restoreState(_ state: OptimizerState) throws(OptimizerStateError) {
        try PlaneState.requireOnly(["m", "v"], in: state.buffers)
        guard state.step >= 0 else { throw OptimizerStateError(reason: "negative step count \(state.step)") }
        let m = try firstMoment.checked(state.buffers, prefix: "m", parameters: parameters)
        let v = try secondMoment.checked(state.buffers, prefix: "v", parameters: parameters)
        firstMoment.replace(with: m)
        secondMoment.replace(with: v)
        stepCount = state.step
    }
}

/// Runs `update(p, m, v, g)` over `range` of four equal-length planes, eight lanes at a time
/// (SIMD) and then one at a time for the tail; the first three are updated in place.
private func forEachLane(
    _ range: Range<Int>, _ p: UnsafeMutableBufferPointer<Float>, _ m: UnsafeMutableBufferPointer<Float>,
    _ v: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
    _ update: (inout SIMD8<Float>, inout SIMD8<Float>, inout SIMD8<Float>, SIMD8<Float>) -> Void
) {
    func load(_ base: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
    }
    func store(_ value: SIMD8<Float>, _ base: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(base + i).storeBytes(of: value, as: SIMD8<Float>.self)
    }
    var i = range.lowerBound
    while i + 8 <= range.upperBound {
        var (pv, mv, vv) = (load(p.baseAddress!, i), load(m.baseAddress!, i), load(v.baseAddress!, i))
        update(&pv, &mv, &vv, load(g.baseAddress!, i))
        store(pv, p.baseAddress!, i)
        store(mv, m.baseAddress!, i)
        store(vv, v.baseAddress!, i)
        i += 8
    }
    for j in i..<range.upperBound {
        var (pv, mv, vv) = (SIMD8(repeating: p[j]), SIMD8(repeating: m[j]), SIMD8(repeating: v[j]))
        update(&pv, &mv, &vv, SIMD8(repeating: g[j]))
        (p[j], m[j], v[j]) = (pv[0], mv[0], vv[0])
    }
}

/// AdamW (`torch.optim.AdamW`): Adam without L2 in the gradient, the weights instead decayed
/// directly, p ← p·(1 − lr·λ), before the Adam update. Default λ = 0.01.
public final class AdamW: Adam {
    public init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        super.init(
            parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            weightDecay: weightDecay, decoupled: true)
    }
}
