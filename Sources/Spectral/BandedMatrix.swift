/// A matrix applied to the rows of a row-major feature matrix, each of whose output rows is a
/// weighted sum of one contiguous range of input rows ("band"). The mel filterbank (a few nonzero
/// bins per filter) and the DCT (one full band per coefficient) share it: an output row is
/// accumulated as `output[r, :] += w · input[j, :]` over whole contiguous rows, which vectorises
/// and never transposes.
struct BandedMatrix: Sendable, Equatable {
    /// Output row weights: input rows `start ..< start + weights.count`, all other weights zero.
    struct Band: Sendable, Equatable {
        let start: Int
        let weights: [Float]
    }

    let inputCount: Int
    let bands: [Band]

    /// The full matrix, `[bands.count, inputCount]` row-major.
    var dense: [Float] {
        var matrix = [Float](repeating: 0, count: bands.count * inputCount)
        for (r, band) in bands.enumerated() {
            matrix.replaceSubrange(
                r * inputCount + band.start..<r * inputCount + band.start + band.weights.count,
                with: band.weights)
        }
        return matrix
    }

    /// `self · input` where `input` holds `inputCount` rows of `rowLength` floats; returns
    /// `bands.count` rows of `rowLength` floats. A complex row of n interleaved values is a row
    /// of 2n floats, since the weights are real.
    func apply(_ input: [Float], rowLength: Int) -> [Float] {
        precondition(
            input.count == inputCount * rowLength, "\(input.count) floats for \(inputCount) rows of \(rowLength)")
        var output = [Float](repeating: 0, count: bands.count * rowLength)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                accumulate(
                    source.baseAddress!, rowStride: rowLength, into: destination.baseAddress!, rowStride: rowLength,
                    columns: rowLength)
            }
        }
        return output
    }

    /// Adds `self · input` to `output` for `columns` columns: input row j starts at
    /// `input + j * inputStride`, output row r at `output + r * outputStride`. Each output element
    /// gets its band's terms one by one in band order, so a block of columns comes out bit for
    /// bit as the same columns of a whole-matrix ``apply(_:rowLength:)`` (from zeroed output).
    /// Thirty-two columns are summed at a time in registers (four independent chains of eight,
    /// so the adds of one wait less for those before them), then eight, then one; a separate
    /// multiply and add per term, never a fused one; the output is read and written once per band.
    func accumulate(
        _ input: UnsafePointer<Float>, rowStride inputStride: Int, into output: UnsafeMutablePointer<Float>,
        rowStride outputStride: Int, columns: Int
    ) {
        let wide = columns / 32 * 32, whole = columns / 8 * 8
        for (r, band) in bands.enumerated() {
            let row = output + r * outputStride, first = input + band.start * inputStride
            band.weights.withUnsafeBufferPointer { weights in
                for c in stride(from: 0, to: wide, by: 32) {
                    let sums = UnsafeMutableRawPointer(row + c)
                    var s0 = sums.loadUnaligned(as: SIMD8<Float>.self)
                    var s1 = sums.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                    var s2 = sums.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                    var s3 = sums.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                    for (j, weight) in weights.enumerated() {
                        let terms = UnsafeRawPointer(first + (j &* inputStride &+ c))
                        s0 += weight * terms.loadUnaligned(as: SIMD8<Float>.self)
                        s1 += weight * terms.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        s2 += weight * terms.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                        s3 += weight * terms.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                    }
                    sums.storeBytes(of: s0, as: SIMD8<Float>.self)
                    sums.storeBytes(of: s1, toByteOffset: 32, as: SIMD8<Float>.self)
                    sums.storeBytes(of: s2, toByteOffset: 64, as: SIMD8<Float>.self)
                    sums.storeBytes(of: s3, toByteOffset: 96, as: SIMD8<Float>.self)
                }
                for c in stride(from: wide, to: whole, by: 8) {
                    var sum = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self)
                    for (j, weight) in weights.enumerated() {
                        let terms = UnsafeRawPointer(first + (j &* inputStride &+ c)).loadUnaligned(
                            as: SIMD8<Float>.self)
                        sum += weight * terms
                    }
                    UnsafeMutableRawPointer(row + c).storeBytes(of: sum, as: SIMD8<Float>.self)
                }
                for c in whole..<columns {
                    var sum = row[c]
                    for (j, weight) in weights.enumerated() { sum += weight * first[j &* inputStride &+ c] }
                    row[c] = sum
                }
            }
        }
    }
}
