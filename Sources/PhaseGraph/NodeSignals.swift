import Foundation

/// The nodes of one sample's graph: a feature vector and a phase sequence per node, built from
/// the sample's `[rows, frames]` planes as ``PhaseGraphConfiguration/NodeSet`` describes.
struct NodeSignals {
    /// `[nodes, featureCount]` real parts (or |z| values for a real network).
    var featureReal: [Float]
    /// `[nodes, featureCount]` imaginary parts for a complex network, else nil.
    var featureImaginary: [Float]?
    /// `[nodes, phaseLength]` phases in radians (empty without phase).
    var phases: [Float]
    var phaseLength: Int

    /// - Parameters:
    ///   - real, imaginary: the sample's `[rows, frames]` planes (imaginary nil for a real input).
    ///   - complexFeatures: keep z as node features (complex network) instead of |z|.
    init(real: ArraySlice<Float>, imaginary: ArraySlice<Float>?, configuration c: PhaseGraphConfiguration, complexFeatures: Bool) {
        let (rows, frames) = (c.rows, c.frames)
        let re = Array(real), im = imaginary.map(Array.init)
        let magnitude = im.map { im in zip(re, im).map { ($0 * $0 + $1 * $1).squareRoot() } } ?? re.map(abs)
        let phase = im.map { im in zip(re, im).map { Foundation.atan2($1, $0) } } ?? []
        switch c.nodes {
        case .mfcc:
            featureReal = complexFeatures ? re : magnitude
            featureImaginary = complexFeatures ? im : nil
            phases = phase
            phaseLength = frames
        case .frames:
            let chunks = c.chunks
            var meanRe = [Float](repeating: 0, count: chunks * rows), meanIm = meanRe
            var phaseOut = [Float](repeating: 0, count: im == nil ? 0 : chunks * rows)
            for k in 0..<chunks {
                let span = (k * frames / chunks)..<((k + 1) * frames / chunks)
                for r in 0..<rows {
                    var sumRe: Float = 0, sumIm: Float = 0, sumCos: Float = 0, sumSin: Float = 0
                    for t in span {
                        let index = r * frames + t
                        sumRe += complexFeatures ? re[index] : magnitude[index]
                        if complexFeatures, let im { sumIm += im[index] }
                        if !phase.isEmpty {
                            sumCos += Foundation.cos(phase[index])
                            sumSin += Foundation.sin(phase[index])
                        }
                    }
                    meanRe[k * rows + r] = sumRe / Float(span.count)
                    meanIm[k * rows + r] = sumIm / Float(span.count)
                    if !phase.isEmpty { phaseOut[k * rows + r] = Foundation.atan2(sumSin, sumCos) }
                }
            }
            featureReal = meanRe
            featureImaginary = complexFeatures ? meanIm : nil
            phases = phaseOut
            phaseLength = rows
        }
    }
}
