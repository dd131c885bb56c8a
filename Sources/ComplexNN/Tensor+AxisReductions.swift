import Foundation

// Reductions over axis 1 of `[batch, items, features]` tensors (e.g. a readout over graph nodes)
// and a softmax over the last axis.

extension Tensor {
    /// The mean over axis 1: `[batch, items, features]` → `[batch, features]`, complex or real.
    /// Backward: each item receives g/items.
    public func meanAlongAxis1() -> Tensor {
        precondition(shape.count == 3, "meanAlongAxis1 needs [batch, items, features], got \(shape)")
        let (batch, items, features) = (shape[0], shape[1], shape[2])
        func reduce(_ plane: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: batch * features)
            for b in 0..<batch {
                for i in 0..<items {
                    for f in 0..<features { out[b * features + f] += plane[(b * items + i) * features + f] }
                }
            }
            return out.map { $0 / Float(items) }
        }
        return .result(shape: [batch, features], real: reduce(real), imaginary: imaginary.map(reduce), parents: [self])
        { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                for b in 0..<batch {
                    for i in 0..<items {
                        for f in 0..<features {
                            gr[(b * items + i) * features + f] += g.real[b * features + f] / Float(items)
                            if !gi.isEmpty {
                                gi[(b * items + i) * features + f] += g.imaginary[b * features + f] / Float(items)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The maximum over axis 1: `[batch, items, features]` → `[batch, features]`; for a complex
    /// tensor the element of largest |z| (first one on ties), like the |z|-max-pool.
    /// Backward: the gradient goes to the selected element.
    public func maxAlongAxis1() -> Tensor {
        precondition(shape.count == 3, "maxAlongAxis1 needs [batch, items, features], got \(shape)")
        let (batch, items, features) = (shape[0], shape[1], shape[2])
        let key = selectionScores
        var winners = [Int](repeating: 0, count: batch * features)
        for b in 0..<batch {
            for f in 0..<features {
                var best = b * items * features + f
                for i in 1..<max(items, 1) where key[(b * items + i) * features + f] > key[best] {
                    best = (b * items + i) * features + f
                }
                winners[b * features + f] = best
            }
        }
        return selected(winners, shape: [batch, features], groups: batch)
    }

    /// Softmax over the last axis of a real tensor (each row sums to 1), computed stably.
    /// Backward per row: g_x = s ⊙ (g − Σ s·g).
    public func softmaxLastAxis() -> Tensor {
        precondition(!isComplex && !shape.isEmpty, "softmaxLastAxis needs a real tensor")
        let width = shape.last!, rows = count / max(width, 1)
        var s = [Float](repeating: 0, count: count)
        for r in 0..<rows {
            let row = real[(r * width)..<((r + 1) * width)]
            let top = row.max() ?? 0
            let exps = row.map { Foundation.exp($0 - top) }
            let total = exps.reduce(0, +)
            for (j, e) in exps.enumerated() { s[r * width + j] = e / total }
        }
        return .result(shape: shape, real: s, imaginary: nil, parents: [self]) { out in
            let g = out.outputGrad.real
            self.accumulateGrad { gr, _ in
                for r in 0..<rows {
                    var dot: Float = 0
                    for j in 0..<width { dot += s[r * width + j] * g[r * width + j] }
                    for j in 0..<width { gr[r * width + j] += s[r * width + j] * (g[r * width + j] - dot) }
                }
            }
        }
    }
}
