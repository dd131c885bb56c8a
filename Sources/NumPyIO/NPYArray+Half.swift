import CHalf

/// Half precision (`<f2`, NumPy's `float16`): 11 significant bits (a relative step of 2⁻¹¹ ≈
/// 4.9e-4), normal values from 6.1e-5 to 65504, subnormal ones down to 6.0e-8. Half the bytes of
/// `<f4` for stored spectrograms that do not need more (``init(shape:float16Rounding:)``).
/// NumPy has no complex half type: complex values are stored as a trailing axis of two halves
/// (re, im), which `a.astype(np.float32).view(np.complex64)[..., 0]` turns back into `<c8`.
extension NPYArray {
    /// A `<f2` array of `shape` from `values` rounded to the nearest half, ties to even — the
    /// results of NumPy's `astype(np.float16)` (with the CPU's F16C instructions when it has them).
    ///
    /// - Throws: ``NPYError/unsupported(_:)`` naming the first finite value whose magnitude rounds
    ///   beyond 65504 (it would be stored as infinity).
    public init(shape: [Int], float16Rounding values: [Float]) throws(NPYError) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        var overflow = -1
        let bytes = [UInt8](unsafeUninitializedCapacity: 2 * values.count) { out, count in
            count = 0
            guard let base = out.baseAddress else { return }
            let halves = UnsafeMutableRawPointer(base).assumingMemoryBound(to: UInt16.self)
            overflow = values.withUnsafeBufferPointer { audiocls_floats_to_halves($0.baseAddress, halves, $0.count, 0) }
            count = 2 * values.count
        }
        guard overflow < 0 else {
            throw .unsupported(
                "value \(values[overflow]) (element \(overflow)) is beyond float16's range (±65504)")
        }
        try self.init(dtype: .float16, shape: shape, bytes: bytes)
    }

    /// The `<f2` elements as Float32 (exact: every half is a float).
    func halfFloats() -> [Float] {
        payload.withUnsafeBytes { raw in
            let halves = raw.bindMemory(to: UInt16.self)
            return [Float](unsafeUninitializedCapacity: halves.count) { out, count in
                audiocls_halves_to_floats(halves.baseAddress, out.baseAddress, halves.count, 0)
                count = halves.count
            }
        }
    }
}
