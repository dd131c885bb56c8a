extension Tensor {
    /// The last two axes swapped: `[batch, rows, columns]` → `[batch, columns, rows]`. Backward: the
    /// output gradient with its last two axes swapped back.
    public func transposedLastAxes() -> Tensor {
        precondition(shape.count == 3, "transposedLastAxes needs [batch, rows, columns], got \(shape)")
        let (batch, rows, columns) = (shape[0], shape[1], shape[2])
        return .result(
            shape: [batch, columns, rows], real: Self.transposing(real, batch: batch, rows: rows, columns: columns),
            imaginary: imaginary.map { Self.transposing($0, batch: batch, rows: rows, columns: columns) },
            parents: [self]
        ) { out in
            let g = out.outputGrad
            self.accumulateGrad(
                (
                    Self.transposing(g.real, batch: batch, rows: columns, columns: rows),
                    out.isComplex ? Self.transposing(g.imaginary, batch: batch, rows: columns, columns: rows) : []
                ))
        }
    }

    /// Each `[rows, columns]` matrix of `values` `[batch, rows, columns]` transposed.
    private static func transposing(_ values: [Float], batch: Int, rows: Int, columns: Int) -> [Float] {
        values.withUnsafeBufferPointer { x in
            makeArray(count: values.count) { y in
                for b in 0..<batch {
                    let base = b * rows * columns
                    for r in 0..<rows {
                        for c in 0..<columns { y[base + c * rows + r] = x[base + r * columns + c] }
                    }
                }
            }
        }
    }
}
