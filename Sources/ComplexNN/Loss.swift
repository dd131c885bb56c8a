import Foundation

// Softmax cross-entropy of real `[batch, classes]` logits, with PyTorch's `F.cross_entropy`
// semantics for integer labels and for probability targets, label smoothing and class weights.

extension Tensor {
    /// Softmax cross-entropy of real `[batch, classes]` logits against integer `labels` (one per
    /// row, in `0..<classes`): PyTorch `F.cross_entropy(logits, labels, weight:, label_smoothing:)`.
    ///
    /// With `labelSmoothing` ε (default 0) the target of row n is
    /// t_n = (1 − ε)·onehot(labels[n]) + ε/classes. With `classWeights` w (one value ≥ 0 per
    /// class; default: all 1) the loss is the weighted mean over the batch,
    ///
    ///     L = Σ_n Σ_k w_k·t_nk·(−log softmax_nk) / Σ_n w_{labels[n]},
    ///
    /// normalised by the weights of the rows' labels as PyTorch does (without smoothing, the mean
    /// of −log p_{n,labels[n]} weighted by w_{labels[n]}); without weights, the mean over the
    /// batch. Computed stably with log-sum-exp; the backward is given at
    /// ``crossEntropy(targets:labelSmoothing:classWeights:)``.
    public func crossEntropy(labels: [Int], labelSmoothing: Float = 0, classWeights: [Float]? = nil) -> Tensor {
        let classes = checkedClassCount(rows: labels.count, classWeights: classWeights)
        precondition(labels.allSatisfy { (0..<classes).contains($0) }, "labels must lie in 0..<\(classes)")
        var targets = [Float](repeating: 0, count: count)
        for (n, label) in labels.enumerated() {
            for k in 0..<classes {
                targets[n * classes + k] = labelSmoothing / Float(classes) + (k == label ? 1 - labelSmoothing : 0)
            }
        }
        let denominator = classWeights.map { w in labels.reduce(0) { $0 + w[$1] } } ?? Float(labels.count)
        precondition(denominator > 0, "the class weights of the labels sum to \(denominator), need > 0")
        return softmaxCrossEntropy(targets: targets, classWeights: classWeights, denominator: denominator)
    }

    /// Softmax cross-entropy of real `[batch, classes]` logits against probability `targets` of the
    /// same shape (real, rows ≥ 0 summing to 1 — e.g. mixup's λ·onehot(a) + (1 − λ)·onehot(b);
    /// constant data, no gradient flows to them): PyTorch `F.cross_entropy` with probability
    /// targets. With `labelSmoothing` ε (default 0) the targets become (1 − ε)·t + ε/classes; with
    /// `classWeights` w (one value ≥ 0 per class; default: all 1)
    ///
    ///     L = Σ_n Σ_k w_k·t_nk·(−log softmax_nk) / batch,
    ///
    /// a plain mean over the batch even with weights (PyTorch's normalisation for probability
    /// targets; for one-hot targets it differs from the labels' weighted mean).
    ///
    /// Backward (both forms): g_logits_nk = (softmax_nk·Σ_j c_nj − c_nk)/D with c_nk = w_k·t_nk and
    /// D the normaliser; without weights Σ_j c_nj is taken to be exactly 1.
    public func crossEntropy(targets: Tensor, labelSmoothing: Float = 0, classWeights: [Float]? = nil) -> Tensor {
        let classes = checkedClassCount(rows: targets.shape.first ?? 0, classWeights: classWeights)
        precondition(
            targets.shape == shape && !targets.isComplex && !targets.requiresGrad,
            "targets must be constant real \(shape) probabilities, got \(targets.shape)")
        for n in 0..<shape[0] {
            let row = targets.real[(n * classes)..<((n + 1) * classes)]
            precondition(
                row.allSatisfy { $0 >= 0 } && abs(row.reduce(0, +) - 1) <= 1e-4,
                "target row \(n) is not a probability distribution: \(Array(row))")
        }
        let smoothed = targets.real.map { (1 - labelSmoothing) * $0 + labelSmoothing / Float(classes) }
        return softmaxCrossEntropy(targets: smoothed, classWeights: classWeights, denominator: Float(shape[0]))
    }

    /// The number of classes after checking that these are real `[rows, classes]` logits and
    /// that `classWeights`, if given, holds one finite value ≥ 0 per class.
    private func checkedClassCount(rows: Int, classWeights: [Float]?) -> Int {
        precondition(
            !isComplex && shape.count == 2 && shape[0] == rows,
            "cross-entropy needs real [batch, classes] logits and one target per row, got \(shape), \(rows) targets")
        precondition(
            classWeights.map { $0.count == shape[1] && $0.allSatisfy { $0 >= 0 && $0.isFinite } } ?? true,
            "class weights must be \(shape[1]) finite values ≥ 0, got \(classWeights ?? [])")
        return shape[1]
    }

    /// L = Σ_n Σ_k c_nk·(−log softmax_nk) / `denominator` with c_nk = w_k·t_nk (`targets` t
    /// row-major `[batch, classes]`, w the class weights or 1). Backward in the doc comment of
    /// ``crossEntropy(targets:labelSmoothing:classWeights:)``.
    private func softmaxCrossEntropy(targets: [Float], classWeights: [Float]?, denominator: Float) -> Tensor {
        let (batch, classes) = (shape[0], shape[1])
        let weighted = classWeights.map { w in targets.indices.map { w[$0 % classes] * targets[$0] } } ?? targets
        // Σ_k c_nk per row, when weights make it differ from 1
        let rowMass = classWeights.map { _ in
            (0..<batch).map { n in weighted[(n * classes)..<((n + 1) * classes)].reduce(0, +) }
        }
        var softmax = [Float](repeating: 0, count: count), loss: Float = 0
        for n in 0..<batch {
            let row = real[(n * classes)..<((n + 1) * classes)]
            let top = row.max()!
            let logSumExp = top + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - top) })
            for (k, logit) in row.enumerated() {
                let i = n * classes + k
                softmax[i] = Foundation.exp(logit - logSumExp)
                loss -= weighted[i] * (logit - logSumExp)
            }
        }
        return .result(shape: [1], real: [loss / denominator], imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real[0] / denominator
            self.accumulateGrad { gr, _ in
                for i in 0..<gr.count {
                    let mass = rowMass?[i / classes] ?? 1
                    gr[i] += g * (softmax[i] * mass - weighted[i])
                }
            }
        }
    }

    /// The predicted class of each row of real `[batch, classes]` logits (first maximum).
    public func argmaxRows() -> [Int] {
        precondition(!isComplex && shape.count == 2, "argmaxRows needs real [batch, classes]")
        let classes = shape[1]
        return (0..<shape[0]).map { n in
            let row = real[(n * classes)..<((n + 1) * classes)]
            return row.firstIndex(of: row.max()!)! - n * classes
        }
    }
}
