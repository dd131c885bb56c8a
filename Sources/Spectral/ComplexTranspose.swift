/// Copies a block of complex values (interleaved Float pairs) into transposed position:
/// `destination[r, c] = source[c, r]` for `r < destinationRows`, `c < destinationColumns`, with
/// row strides counted in complex values. Each value moves as one 8-byte unit; destination rows
/// are written contiguously. The ISTFT uses it to turn bin-major rows back into frame spectra
/// (the STFT's direction is ``transposeSpectra(_:spectrumStride:bins:frames:complexRows:complexRowStride:powerRows:)``).
func transposeComplex(
    _ source: UnsafePointer<Float>, sourceRowStride: Int,
    into destination: UnsafeMutablePointer<Float>, destinationRowStride: Int,
    destinationRows: Int, destinationColumns: Int
) {
    let complexSize = 2 * MemoryLayout<Float>.stride
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
    let sourceStride = sourceRowStride &* complexSize
    for r in 0..<destinationRows {
        let row = to + r &* destinationRowStride &* complexSize
        let column = r &* complexSize
        for c in 0..<destinationColumns {
            let value = from.loadUnaligned(fromByteOffset: c &* sourceStride &+ column, as: UInt64.self)
            row.storeBytes(of: value, toByteOffset: c &* complexSize, as: UInt64.self)
        }
    }
}
