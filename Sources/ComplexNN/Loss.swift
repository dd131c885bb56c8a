import Foundation

extension Tensor {
    /// Softmax cross-entropy of real `[batch, classes]` logits against integer `labels`, averaged
    /// over the batch (PyTorch `F.cross_entropy`). With `labelSmoothing` ε the target is
    /// (1 − ε)·onehot + ε/classes. Computed stably with log-sum-exp.
    /// Backward: g_logits = (softmax − target)/batch.
    public func crossEntropy(labels: [Int], labelSmoothing: Float = 0) -> Tensor {
        precondition(
            !isComplex && shape.count == 2 && shape[0] == labels.count,
            "cross-entropy needs real [batch, classes] logits and one label per row, got \(shape), \(labels.count) labels"
        )
        let (batch, classes) = (shape[0], shape[1])
        precondition(labels.allSatisfy { (0..<classes).contains($0) }, "labels must lie in 0..<\(classes)")
        var softmax = [Float](repeating: 0, count: count), target = softmax, loss: Float = 0
        for n in 0..<batch {
            let row = real[(n * classes)..<((n + 1) * classes)]
            let top = row.max()!
            let logSumExp = top + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - top) })
            for (k, logit) in row.enumerated() {
                let i = n * classes + k
                target[i] = labelSmoothing / Float(classes) + (k == labels[n] ? 1 - labelSmoothing : 0)
                softmax[i] = Foundation.exp(logit - logSumExp)
                loss -= target[i] * (logit - logSumExp)
            }
        }
        return .result(shape: [1], real: [loss / Float(batch)], imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real[0] / Float(batch)
            self.accumulateGrad { gr, _ in for i in 0..<gr.count { gr[i] += g * (softmax[i] - target[i]) } }
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
