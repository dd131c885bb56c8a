import ComplexNN
import Foundation

// Symmetric normalisation of batched dense adjacency matrices with self-loops (GCN, Kipf &
// Welling 2017; PyG `gcn_norm`), extended to signed and complex (Hermitian, magnetic-Laplacian
// style) weights. A differentiable op defined outside ComplexNN through its `package` extension
// points (`Tensor.result`, `outputGrad`, `accumulateGrad`).

extension Tensor {
    /// Â = D^{-1/2}·(A + I)·D^{-1/2} for each `[n, n]` matrix of this real `[batch, n, n]` tensor
    /// of edge weights W, with A_ij = W_ij·exp(i·θ_ij) when `phases` θ (a constant real tensor of
    /// the same shape, radians) is given — then Â is complex — and A = W otherwise.
    ///
    /// - The diagonal of W is ignored: every node gets one self-loop of weight 1 (PyG's fill value).
    /// - The degree is taken from magnitudes: d_i = 1 + Σ_{j≠i} |W_ij|. So d_i ≥ 1 and the result
    ///   is finite for zero, negative or missing weights and for isolated nodes (where Â_ii = 1);
    ///   PyG's `gcn_norm` sums signed weights instead and gives NaN or ∞ when a degree is ≤ 0.
    ///   For non-negative W without self-loops both agree. A negative weight behaves as a complex
    ///   weight of phase π.
    /// - With Hermitian A (W symmetric, θ antisymmetric), Â is Hermitian.
    ///
    /// Backward (to W only; θ is data): with P_ij = Re(conj(G_ij)·Â_ij), r_i = Σ_j P_ij and
    /// c_i = Σ_j P_ji, for i ≠ k: g_W_ik = Re(conj(G_ik)·e^{iθ_ik})/√(d_i d_k) − ½·sign(W_ik)·(r_i + c_i)/d_i.
    public func symmetricNormalizedAdjacency(phases: Tensor? = nil) -> Tensor {
        precondition(
            !isComplex && shape.count == 3 && shape[1] == shape[2],
            "adjacency weights must be real [batch, n, n], got \(shape)")
        precondition(phases.map { $0.shape == shape && !$0.isComplex } ?? true, "phases must be real \(shape)")
        let (batch, n) = (shape[0], shape[1])
        let weights = real
        let unitReal = phases.map { $0.real.map(Foundation.cos) },
            unitImaginary = phases.map { $0.real.map(Foundation.sin) }
        var degrees = [Float](repeating: 1, count: batch * n)
        for item in 0..<batch {
            for i in 0..<n {
                for j in 0..<n where j != i { degrees[item * n + i] += abs(weights[(item * n + i) * n + j]) }
            }
        }
        let scale = degrees.map { 1 / $0.squareRoot() }
        var re = [Float](repeating: 0, count: count)
        var im: [Float]? = phases == nil ? nil : [Float](repeating: 0, count: count)
        for item in 0..<batch {
            for i in 0..<n {
                for j in 0..<n {
                    let index = (item * n + i) * n + j
                    let factor = scale[item * n + i] * scale[item * n + j]
                    let w = i == j ? 1 : weights[index]
                    re[index] = factor * w * (i == j ? 1 : unitReal?[index] ?? 1)
                    if i != j, let unitImaginary { im![index] = factor * w * unitImaginary[index] }
                }
            }
        }
        let normalized = (re, im)
        return .result(shape: shape, real: re, imaginary: im, parents: [self]) { out in
            let g = out.outputGrad
            // P_ij = Re(conj(G_ij)·Â_ij); its row and column sums.
            var rowPlusColumn = [Float](repeating: 0, count: batch * n)
            for item in 0..<batch {
                for i in 0..<n {
                    for j in 0..<n {
                        let index = (item * n + i) * n + j
                        var p = g.real[index] * normalized.0[index]
                        if let imaginary = normalized.1 { p += g.imaginary[index] * imaginary[index] }
                        rowPlusColumn[item * n + i] += p
                        rowPlusColumn[item * n + j] += p
                    }
                }
            }
            self.accumulateGrad { gw, _ in
                for item in 0..<batch {
                    for i in 0..<n {
                        for k in 0..<n where k != i {
                            let index = (item * n + i) * n + k
                            var direct = g.real[index] * (unitReal?[index] ?? 1)
                            if let unitImaginary { direct += g.imaginary[index] * unitImaginary[index] }
                            let w = weights[index]
                            let sign: Float = w > 0 ? 1 : (w < 0 ? -1 : 0)
                            gw[index] +=
                                direct * scale[item * n + i] * scale[item * n + k]
                                - 0.5 * sign * rowPlusColumn[item * n + i] / degrees[item * n + i]
                        }
                    }
                }
            }
        }
    }
}
