/// The index of the first NaN or ±Inf in `values`, or `nil` when all are finite.
///
/// The common all-finite case is one branch-free pass that the compiler vectorises with plain
/// SSE2 integer operations: an IEEE single is non-finite exactly when its exponent field is all
/// ones, and adding one exponent step (`0x0080_0000`) to the masked field carries into bit 31
/// only then. Only a failing signal pays for the scalar search that names the index.
func firstNonFiniteIndex(_ values: UnsafeBufferPointer<Float>) -> Int? {
    let bits = UnsafeRawBufferPointer(values).bindMemory(to: UInt32.self)
    var carry: UInt32 = 0
    for word in bits { carry |= (word & 0x7f80_0000) &+ 0x0080_0000 }
    guard carry & 0x8000_0000 != 0 else { return nil }
    return values.firstIndex { !$0.isFinite }
}

extension Spectrogram {
    /// Whether every value is finite (no NaN or ±Inf), in one vectorised pass.
    public var isFinite: Bool { values.withUnsafeBufferPointer(firstNonFiniteIndex) == nil }
}

extension ComplexSpectrogram {
    /// Whether both parts of every element are finite (no NaN or ±Inf), in one vectorised pass.
    public var isFinite: Bool { interleaved.withUnsafeBufferPointer(firstNonFiniteIndex) == nil }
}
