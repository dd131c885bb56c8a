/// Turns a block of frame spectra — FFTW's output, frame t's `bins` interleaved complex values
/// at `spectra + t * spectrumStride` floats — into bin-major rows while it is in cache:
/// - with `complexRows`, bin k of frame t goes to complex value `k * complexRowStride + t` there;
/// - with `powerRows`, its re² + im² goes to float `k * frames + t` there, with the roundings of
///   ``magnitudes(_:count:raisedTo:into:)`` (squares of both parts, then their sum), so the
///   same bits as |X|² of the transposed values.
///
/// Four bins of four frames at a time: four 32-byte loads become, in registers, four 32-byte
/// pieces of complex rows and four 16-byte pieces of power rows (instead of 32 scalar stores);
/// the bins and frames left over go one at a time.
func transposeSpectra(
    _ spectra: UnsafePointer<Float>, spectrumStride: Int, bins: Int, frames: Int,
    complexRows: UnsafeMutablePointer<Float>?, complexRowStride: Int, powerRows: UnsafeMutablePointer<Float>?
) {
    let source = UnsafeRawPointer(spectra), floatSize = MemoryLayout<Float>.stride
    let rowBytes = 2 &* floatSize &* complexRowStride
    func load(_ t: Int, _ k: Int) -> SIMD8<Float> {
        source.loadUnaligned(fromByteOffset: floatSize &* (t &* spectrumStride &+ 2 &* k), as: SIMD8<Float>.self)
    }
    let wholeBins = bins / 4 * 4, wholeFrames = frames / 4 * 4
    for k in stride(from: 0, to: wholeBins, by: 4) {
        for t in stride(from: 0, to: wholeFrames, by: 4) {
            let x0 = load(t, k), x1 = load(t &+ 1, k), x2 = load(t &+ 2, k), x3 = load(t &+ 3, k)
            if let complexRows {
                let row = UnsafeMutableRawPointer(complexRows + 2 &* (k &* complexRowStride &+ t))
                for i in 0..<4 {
                    let column = SIMD8(
                        lowHalf: SIMD4(lowHalf: complexValue(x0, i), highHalf: complexValue(x1, i)),
                        highHalf: SIMD4(lowHalf: complexValue(x2, i), highHalf: complexValue(x3, i)))
                    row.storeBytes(of: column, toByteOffset: i &* rowBytes, as: SIMD8<Float>.self)
                }
            }
            if let powerRows {
                let p0 = squaredMagnitudes(x0), p1 = squaredMagnitudes(x1)
                let p2 = squaredMagnitudes(x2), p3 = squaredMagnitudes(x3)
                for i in 0..<4 {
                    let column: SIMD4<Float> = [p0[i], p1[i], p2[i], p3[i]]
                    let row = UnsafeMutableRawPointer(powerRows + ((k &+ i) &* frames &+ t))
                    row.storeBytes(of: column, as: SIMD4<Float>.self)
                }
            }
        }
    }
    func one(_ k: Int, _ t: Int) {
        let re = spectra[t &* spectrumStride &+ 2 &* k], im = spectra[t &* spectrumStride &+ 2 &* k &+ 1]
        if let complexRows {
            complexRows[2 &* (k &* complexRowStride &+ t)] = re
            complexRows[2 &* (k &* complexRowStride &+ t) &+ 1] = im
        }
        powerRows?[k &* frames &+ t] = re * re + im * im
    }
    for k in 0..<wholeBins { for t in wholeFrames..<frames { one(k, t) } }
    for k in wholeBins..<bins { for t in 0..<frames { one(k, t) } }
}

/// Complex value `i` (0 ..< 4) of four interleaved ones.
@inline(__always)
private func complexValue(_ x: SIMD8<Float>, _ i: Int) -> SIMD2<Float> { SIMD2(x[2 &* i], x[2 &* i &+ 1]) }
