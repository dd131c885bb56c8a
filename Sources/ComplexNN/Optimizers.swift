import Foundation

// Optimizers in order of increasing complexity (SGD → Adam → AdamW), then gradient clipping and
// learning-rate schedules. A complex parameter is treated as its real and imaginary planes, i.e.
// as independent real numbers (PyTorch's `view_as_real` semantics for complex parameters), so
// Adam's second moment is per real component.

/// Updates parameters from their accumulated gradients.
public protocol Optimizer: AnyObject {
    /// The step size, changeable between steps (see ``LearningRateSchedule``).
    var learningRate: Float { get set }
    /// One update of every parameter from its current gradient (a missing gradient counts as 0).
    func step()
}

/// The value planes and gradient planes of a parameter: `body(planeIndex, values, gradient)`.
private func forEachPlane(of parameter: Tensor, _ body: (Int, inout [Float], [Float]) -> Void) {
    let zeros = [Float](repeating: 0, count: parameter.count)
    body(0, &parameter.real, parameter.gradReal.isEmpty ? zeros : parameter.gradReal)
    if parameter.imaginary != nil {
        body(1, &parameter.imaginary!, parameter.gradImaginary.isEmpty ? zeros : parameter.gradImaginary)
    }
}

/// Per-parameter, per-plane optimizer state (momentum buffers, moments).
private struct PlaneState {
    private var buffers: [[[Float]?]]

    init(parameters: [Tensor]) { buffers = parameters.map { _ in [nil, nil] } }

    subscript(parameter: Int, plane: Int) -> [Float]? {
        get { buffers[parameter][plane] }
        set { buffers[parameter][plane] = newValue }
    }
}

/// Stochastic gradient descent with optional momentum, Nesterov momentum and (L2) weight decay,
/// following `torch.optim.SGD`: d = g + λ·p; b = d on the first step, else b = μ·b + d;
/// d = d + μ·b (Nesterov) or d = b; p ← p − lr·d.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float, nesterov: Bool, weightDecay: Float
    private let parameters: [Tensor]
    private var velocity: PlaneState

    public init(parameters: [Tensor], learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        velocity = PlaneState(parameters: parameters)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            forEachPlane(of: parameter) { plane, values, gradient in
                var direction = zip(gradient, values).map { $0 + weightDecay * $1 }
                if momentum != 0 {
                    let buffer = velocity[index, plane].map { zip($0, direction).map { momentum * $0 + $1 } } ?? direction
                    velocity[index, plane] = buffer
                    direction = nesterov ? zip(direction, buffer).map { $0 + momentum * $1 } : buffer
                }
                for i in values.indices { values[i] -= learningRate * direction[i] }
            }
        }
    }
}

/// Adam (`torch.optim.Adam`, L2 weight decay added to the gradient):
/// m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², p ← p − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + eps).
public class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    private let parameters: [Tensor]
    private let decoupledWeightDecay: Bool
    private var firstMoment: PlaneState, secondMoment: PlaneState
    private var stepCount = 0

    public convenience init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.init(parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                  weightDecay: weightDecay, decoupled: false)
    }

    init(parameters: [Tensor], learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float, decoupled: Bool) {
        self.parameters = parameters
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.epsilon, self.weightDecay) = (beta1, beta2, epsilon, weightDecay)
        decoupledWeightDecay = decoupled
        firstMoment = PlaneState(parameters: parameters)
        secondMoment = PlaneState(parameters: parameters)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - Foundation.pow(beta1, Float(stepCount))
        let correction2 = (1 - Foundation.pow(beta2, Float(stepCount))).squareRoot()
        for (index, parameter) in parameters.enumerated() {
            forEachPlane(of: parameter) { plane, values, gradient in
                var m = firstMoment[index, plane] ?? [Float](repeating: 0, count: values.count)
                var v = secondMoment[index, plane] ?? m
                for i in values.indices {
                    var g = gradient[i]
                    if decoupledWeightDecay {
                        values[i] *= 1 - learningRate * weightDecay
                    } else {
                        g += weightDecay * values[i]
                    }
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    values[i] -= (learningRate / correction1) * m[i] / (v[i].squareRoot() / correction2 + epsilon)
                }
                firstMoment[index, plane] = m
                secondMoment[index, plane] = v
            }
        }
    }
}

/// AdamW (`torch.optim.AdamW`): Adam without L2 in the gradient, the weights instead decayed
/// directly, p ← p·(1 − lr·λ), before the Adam update. Default λ = 0.01.
public final class AdamW: Adam {
    public init(
        parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        super.init(parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, decoupled: true)
    }
}

// MARK: - Gradient clipping

/// Scales all gradients by maxNorm/(‖g‖ + 1e-6) when the global L2 norm ‖g‖ over every real
/// component exceeds `maxNorm` (`torch.nn.utils.clip_grad_norm_`). Returns ‖g‖ before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    let total = parameters.reduce(Float(0)) { sum, p in
        sum + p.gradReal.reduce(0) { $0 + $1 * $1 } + p.gradImaginary.reduce(0) { $0 + $1 * $1 }
    }.squareRoot()
    let coefficient = maxNorm / (total + 1e-6)
    if coefficient < 1 {
        for p in parameters {
            p.gradReal = p.gradReal.map { $0 * coefficient }
            p.gradImaginary = p.gradImaginary.map { $0 * coefficient }
        }
    }
    return total
}

// MARK: - Learning-rate schedules

/// A learning rate as a function of the (0-based) epoch.
public protocol LearningRateSchedule: Sendable {
    func learningRate(epoch: Int) -> Float
}

/// base·γ^⌊epoch/stepSize⌋ (`torch.optim.lr_scheduler.StepLR`).
public struct StepSchedule: LearningRateSchedule {
    public let base: Float, stepSize: Int, gamma: Float

    public init(base: Float, stepSize: Int, gamma: Float = 0.1) {
        (self.base, self.stepSize, self.gamma) = (base, stepSize, gamma)
    }

    public func learningRate(epoch: Int) -> Float { base * Foundation.pow(gamma, Float(epoch / stepSize)) }
}

/// min + (base − min)·(1 + cos(π·epoch/totalEpochs))/2 (`CosineAnnealingLR`, closed form).
public struct CosineSchedule: LearningRateSchedule {
    public let base: Float, totalEpochs: Int, minimum: Float

    public init(base: Float, totalEpochs: Int, minimum: Float = 0) {
        (self.base, self.totalEpochs, self.minimum) = (base, totalEpochs, minimum)
    }

    public func learningRate(epoch: Int) -> Float {
        minimum + (base - minimum) * (1 + Foundation.cos(Float.pi * Float(epoch) / Float(totalEpochs))) / 2
    }
}
