// Picking elements by index, shared by the max-pooling and max-over-an-axis operations.

extension Tensor {
    /// What a max selects on: |z|² per element of a complex tensor, the values of a real one.
    var selectionScores: [Float] {
        guard let imaginary else { return real }
        return real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                makeArray(count: count) { s in
                    parallelParts(count: count) { part in for i in part { s[i] = re[i] * re[i] + im[i] * im[i] } }
                }
            }
        }
    }

    /// The elements at `indices` (flat positions in this tensor), as a tensor of `shape`, complex
    /// values kept whole. The outputs form `groups` equal runs, the k-th selecting only from the
    /// k-th equal share of this tensor (a pooled plane, a batch item), so that the backward
    /// scatter can run concurrently over groups. Backward: each output's gradient is added to
    /// the element it came from.
    func selected(_ indices: [Int], shape: [Int], groups: Int) -> Tensor {
        precondition(indices.count % groups == 0 && count % groups == 0, "\(groups) groups do not divide the sizes")
        func gather(_ plane: [Float]) -> [Float] {
            plane.withUnsafeBufferPointer { x in
                indices.withUnsafeBufferPointer { index in
                    makeArray(count: index.count) { y in
                        parallelParts(count: index.count) { part in for o in part { y[o] = x[index[o]] } }
                    }
                }
            }
        }
        let perGroup = indices.count / groups
        return .result(shape: shape, real: gather(real), imaginary: imaginary.map(gather), parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                indices.withUnsafeBufferPointer { index in
                    parallelParts(count: groups, minimumPart: max(1, parallelGrain / max(perGroup, 1))) { part in
                        for o in (part.lowerBound * perGroup)..<(part.upperBound * perGroup) {
                            gr[index[o]] += g.real[o]
                            if !gi.isEmpty { gi[index[o]] += g.imaginary[o] }
                        }
                    }
                }
            }
        }
    }
}
