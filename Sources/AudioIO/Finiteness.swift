/// The index of the first NaN or ±Inf among `count` samples at `samples`, or `nil`.
///
/// Decoded audio is almost always finite, so that case is one branch-free pass that vectorises
/// with baseline SSE2 integer operations (a single is non-finite exactly when its exponent is all
/// ones, and only then does adding the exponent's lowest bit carry into bit 31); the scalar
/// search that names the index runs only on failure.
func firstNonFinite(_ samples: UnsafePointer<Float>, count: Int) -> Int? {
    let values = UnsafeBufferPointer(start: samples, count: count)
    var carry: UInt32 = 0
    for sample in values { carry |= (sample.bitPattern & 0x7f80_0000) &+ 0x0080_0000 }
    guard carry & 0x8000_0000 != 0 else { return nil }
    return values.firstIndex { !$0.isFinite }
}
