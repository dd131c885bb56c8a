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
                for (r, band) in bands.enumerated() {
                    let row = destination.baseAddress! + r * rowLength
                    for (offset, weight) in band.weights.enumerated() {
                        let from = source.baseAddress! + (band.start + offset) * rowLength
                        for i in 0..<rowLength { row[i] += weight * from[i] }
                    }
                }
            }
        }
        return output
    }
}
