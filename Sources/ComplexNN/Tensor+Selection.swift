// Picking elements by index, shared by the max-pooling and max-over-an-axis operations.

extension Tensor {
    /// What a max selects on: |z|² per element of a complex tensor, the values of a real one.
    var selectionScores: [Float] {
        guard let imaginary else { return real }
        return real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                makeArray(count: count) { s in for i in s.indices { s[i] = re[i] * re[i] + im[i] * im[i] } }
            }
        }
    }

    /// The elements at `indices` (flat positions in this tensor), as a tensor of `shape`, complex
    /// values kept whole. Backward: each output's gradient is added to the element it came from.
    func selected(_ indices: [Int], shape: [Int]) -> Tensor {
        func gather(_ plane: [Float]) -> [Float] {
            plane.withUnsafeBufferPointer { x in
                makeArray(count: indices.count) { y in for (o, i) in indices.enumerated() { y[o] = x[i] } }
            }
        }
        return .result(shape: shape, real: gather(real), imaginary: imaginary.map(gather), parents: [self]) { out in
            let g = out.outputGrad
            self.accumulateGrad { gr, gi in
                for (o, i) in indices.enumerated() {
                    gr[i] += g.real[o]
                    if !gi.isEmpty { gi[i] += g.imaginary[o] }
                }
            }
        }
    }
}
