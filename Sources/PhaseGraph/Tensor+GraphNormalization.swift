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
        let adjacency = DenseAdjacency(
            batch: shape[0], n: shape[1], weights: real, unitReal: phases.map { $0.real.map(Foundation.cos) },
            unitImaginary: phases.map { $0.real.map(Foundation.sin) })
        let (re, im) = adjacency.normalized()
        return .result(shape: shape, real: re, imaginary: im, parents: [self]) { out in
            let g = out.outputGrad
            let rowPlusColumn = adjacency.rowPlusColumnSums(g.real, g.imaginary, normalized: (re, im))
            self.accumulateGrad { gw, _ in
                adjacency.accumulateWeightGradient(g.real, g.imaginary, rowPlusColumn: rowPlusColumn, into: gw)
            }
        }
    }
}

/// A batch of `[n, n]` edge weights W with the unit phases e^{iθ} (when given) and the degrees
/// d_i = 1 + Σ_{j≠i} |W_ij| of ``Tensor/symmetricNormalizedAdjacency(phases:)``.
private struct DenseAdjacency {
    let batch, n: Int
    let weights: [Float]
    /// cos θ and sin θ, or nil without phases.
    let unitReal, unitImaginary: [Float]?
    /// d per node (`[batch, n]`) and 1/√d.
    let degrees, scale: [Float]

    init(batch: Int, n: Int, weights: [Float], unitReal: [Float]?, unitImaginary: [Float]?) {
        (self.batch, self.n, self.weights, self.unitReal, self.unitImaginary) =
            (batch, n, weights, unitReal, unitImaginary)
        var degrees = [Float](repeating: 1, count: batch * n)
        for item in 0..<batch {
            for i in 0..<n {
                for j in 0..<n where j != i { degrees[item * n + i] += abs(weights[(item * n + i) * n + j]) }
            }
        }
        self.degrees = degrees
        scale = degrees.map { 1 / $0.squareRoot() }
    }

    /// The planes of Â (no imaginary plane without phases).
    func normalized() -> (real: [Float], imaginary: [Float]?) {
        var re = [Float](repeating: 0, count: weights.count)
        var im: [Float]? = unitImaginary == nil ? nil : [Float](repeating: 0, count: weights.count)
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
        return (re, im)
    }

    /// r_i + c_i per node: the row and column sums of P_ij = Re(conj(G_ij)·Â_ij).
    func rowPlusColumnSums(
        _ gRe: [Float], _ gIm: [Float], normalized: (real: [Float], imaginary: [Float]?)
    ) -> [Float] {
        var rowPlusColumn = [Float](repeating: 0, count: batch * n)
        for item in 0..<batch {
            for i in 0..<n {
                for j in 0..<n {
                    let index = (item * n + i) * n + j
                    var p = gRe[index] * normalized.real[index]
                    if let imaginary = normalized.imaginary { p += gIm[index] * imaginary[index] }
                    rowPlusColumn[item * n + i] += p
                    rowPlusColumn[item * n + j] += p
                }
            }
        }
        return rowPlusColumn
    }

    /// Adds g_W_ik = Re(conj(G_ik)·e^{iθ_ik})/√(d_i d_k) − ½·sign(W_ik)·(r_i + c_i)/d_i (i ≠ k) to `gw`.
    func accumulateWeightGradient(
        _ gRe: [Float], _ gIm: [Float], rowPlusColumn: [Float], into gw: UnsafeMutableBufferPointer<Float>
    ) {
        for item in 0..<batch {
            for i in 0..<n {
                for k in 0..<n where k != i {
                    let index = (item * n + i) * n + k
                    var direct = gRe[index] * (unitReal?[index] ?? 1)
                    if let unitImaginary { direct += gIm[index] * unitImaginary[index] }
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
