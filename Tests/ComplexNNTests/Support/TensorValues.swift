import ComplexNN

func interleave(_ re: [Float], _ im: [Float]?) -> [Float] {
    guard let im else { return re }
    return zip(re, im).flatMap { [$0, $1] }
}

extension Tensor {
    /// Values as re, im pairs (or plain values for a real tensor).
    var flatValues: [Float] { interleave(real, imaginary) }
    /// Gradient as re, im pairs (or plain values for a real tensor).
    var flatGrad: [Float] { grad.flatValues }

    /// Backpropagates the loss Σ Re(conj(w)·self) for the weighting tensor `w` (same shape/kind).
    func backward(weightedBy w: Tensor) {
        backward(seedReal: w.real, seedImaginary: w.imaginary)
    }
}

/// Forward tolerance and gradient tolerance used against the PyTorch fixtures.
enum Tolerance {
    static let forward: (rtol: Float, atol: Float) = (1e-5, 1e-6)
    static let gradient: (rtol: Float, atol: Float) = (1e-4, 1e-5)
}
