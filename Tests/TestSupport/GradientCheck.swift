import ComplexNN
import Testing

/// Finite-difference gradient check of `function` at `inputs` (each a leaf with `requiresGrad`).
///
/// Uses the real loss L = Σ Re(conj(w)·f(z)) with a random complex (or real) weighting w, so the
/// expected gradient of each input component is ∂L/∂(Re z) and ∂L/∂(Im z) — the engine's
/// convention. L is accumulated in Double and differentiated centrally with step `step` on
/// every real and imaginary component of every input.
public func gradientCheck(
    _ inputs: [Tensor], step: Float = 1e-2, rtol: Double = 1e-2, atol: Double = 2e-3,
    seed: UInt64 = 7, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor]) -> Tensor
) {
    var generator = SeededGenerator(seed: seed)
    let probe = GradientMode.withoutGradients { function(inputs) }
    let wRe = (0..<probe.count).map { _ in generator.nextNormal() }
    let wIm = probe.isComplex ? (0..<probe.count).map { _ in generator.nextNormal() } : nil
    func loss() -> Double {
        let y = GradientMode.withoutGradients { function(inputs) }
        var total = zip(y.real, wRe).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        if let im = y.imaginary, let wIm { total += zip(im, wIm).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } }
        return total
    }
    inputs.forEach { $0.zeroGrad() }
    function(inputs).backward(seedReal: wRe, seedImaginary: wIm)
    for (index, input) in inputs.enumerated() {
        var numeric: [Double] = [], analytic: [Double] = []
        for plane in 0..<(input.isComplex ? 2 : 1) {
            for i in 0..<input.count {
                func nudge(_ delta: Float) {
                    if plane == 0 { input.real[i] += delta } else { input.imaginary![i] += delta }
                }
                nudge(step)
                let plus = loss()
                nudge(-2 * step)
                let minus = loss()
                nudge(step)
                numeric.append((plus - minus) / Double(2 * step))
                let g = plane == 0 ? input.grad.real : input.grad.imaginary!
                analytic.append(Double(g[i]))
            }
        }
        expectClose(
            analytic, numeric, rtol: rtol, atol: atol, "\(what): input \(index)", sourceLocation: sourceLocation)
    }
}

/// A leaf tensor of seeded normal values (complex when `complex`), scaled by `scale`.
public func randomTensor(_ shape: [Int], complex: Bool = true, scale: Float = 1, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let n = shape.reduce(1, *)
    let re = (0..<n).map { _ in scale * generator.nextNormal() }
    let im = complex ? (0..<n).map { _ in scale * generator.nextNormal() } : nil
    return Tensor(shape: shape, real: re, imaginary: im, requiresGrad: true)
}
