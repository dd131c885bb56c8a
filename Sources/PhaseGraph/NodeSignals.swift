import Foundation

/// The nodes of one sample's graph: a feature vector and a phase sequence per node, built from
/// the sample's `[rows, frames]` planes as ``PhaseGraphConfiguration/NodeSet`` describes.
struct NodeSignals {
    /// `[nodes, featureCount]` real parts (or |z| values for a real network).
    var featureReal: [Float]
    /// `[nodes, featureCount]` imaginary parts for a complex network, else nil.
    var featureImaginary: [Float]?
    /// `[nodes, phaseLength]` unit phasors exp(i·φ) as cos φ and sin φ (empty without phase);
    /// z = 0 has phase 0, as atan2(0, 0).
    var phasorCosine: [Float], phasorSine: [Float]
    var phaseLength: Int

    /// The phases φ = atan2(sin φ, cos φ) in radians, `[nodes, phaseLength]`.
    var phases: [Float] { zip(phasorCosine, phasorSine).map { Foundation.atan2($1, $0) } }

    /// The unit phasors of the phase advances exp(i(φ(l) − φ(l−1))), l = 1…phaseLength−1, as
    /// (cos, sin) `[nodes, phaseLength − 1]` each, with the sequence length.
    var advancePhasors: (cosine: [Float], sine: [Float], length: Int) {
        let length = phaseLength - 1
        var cosine: [Float] = [], sine: [Float] = []
        cosine.reserveCapacity(phasorCosine.count)
        sine.reserveCapacity(phasorSine.count)
        for node in 0..<(phasorCosine.count / max(phaseLength, 1)) {
            for l in (node * phaseLength + 1)..<((node + 1) * phaseLength) {
                let (c0, s0, c1, s1) = (phasorCosine[l - 1], phasorSine[l - 1], phasorCosine[l], phasorSine[l])
                cosine.append(c1 * c0 + s1 * s0)  // e^{iφ(l)}·e^{−iφ(l−1)}
                sine.append(s1 * c0 - c1 * s0)
            }
        }
        return (cosine, sine, length)
    }

    /// - Parameters:
    ///   - real, imaginary: the sample's `[rows, frames]` planes (imaginary nil for a real input).
    ///   - complexFeatures: keep z as node features (complex network) instead of |z|.
    init(
        real: ArraySlice<Float>, imaginary: ArraySlice<Float>?, configuration c: PhaseGraphConfiguration,
        complexFeatures: Bool
    ) {
        let (rows, frames) = (c.rows, c.frames)
        let re = Array(real), im = imaginary.map(Array.init)
        let magnitude = im.map { im in zip(re, im).map { ($0 * $0 + $1 * $1).squareRoot() } } ?? re.map(abs)
        let unit =
            im.map { im in UnitPhasors(real: re, imaginary: im, magnitude: magnitude) }
            ?? UnitPhasors(cosine: [], sine: [])
        switch c.nodes {
        case .mfcc where c.resolvedNodeFeatures == .statistics:
            featureReal = NodeStatistics.summarize(magnitude, nodes: rows, length: frames)
            featureImaginary = complexFeatures ? [Float](repeating: 0, count: featureReal.count) : nil
            (phasorCosine, phasorSine) = (unit.cosine, unit.sine)
            phaseLength = frames
        case .mfcc:
            featureReal = complexFeatures ? re : magnitude
            featureImaginary = complexFeatures ? im : nil
            (phasorCosine, phasorSine) = (unit.cosine, unit.sine)
            phaseLength = frames
        case .frames:
            let chunks = c.chunks
            var meanRe = [Float](repeating: 0, count: chunks * rows), meanIm = meanRe
            var meanCosine = [Float](repeating: 0, count: im == nil ? 0 : chunks * rows), meanSine = meanCosine
            for k in 0..<chunks {
                let span = (k * frames / chunks)..<((k + 1) * frames / chunks)
                for r in 0..<rows {
                    var sumRe: Float = 0, sumIm: Float = 0, sumCos: Float = 0, sumSin: Float = 0
                    for t in span {
                        let index = r * frames + t
                        sumRe += complexFeatures ? re[index] : magnitude[index]
                        if complexFeatures, let im { sumIm += im[index] }
                        if !unit.cosine.isEmpty {
                            sumCos += unit.cosine[index]
                            sumSin += unit.sine[index]
                        }
                    }
                    meanRe[k * rows + r] = sumRe / Float(span.count)
                    meanIm[k * rows + r] = sumIm / Float(span.count)
                    if !unit.cosine.isEmpty {
                        let circular = UnitPhasors(real: [sumCos], imaginary: [sumSin])
                        (meanCosine[k * rows + r], meanSine[k * rows + r]) = (circular.cosine[0], circular.sine[0])
                    }
                }
            }
            featureReal = meanRe
            featureImaginary = complexFeatures ? meanIm : nil
            (phasorCosine, phasorSine) = (meanCosine, meanSine)
            phaseLength = rows
        }
    }
}

/// exp(i·arg z) of complex values, as cos and sin planes: z/|z|, and 1 (phase 0) where z = 0.
struct UnitPhasors {
    var cosine: [Float], sine: [Float]

    init(cosine: [Float], sine: [Float]) { (self.cosine, self.sine) = (cosine, sine) }

    init(real: [Float], imaginary: [Float], magnitude: [Float]? = nil) {
        let magnitude = magnitude ?? zip(real, imaginary).map { ($0 * $0 + $1 * $1).squareRoot() }
        cosine = zip(real, magnitude).map { $1 > 0 ? $0 / $1 : 1 }
        sine = zip(imaginary, magnitude).map { $1 > 0 ? $0 / $1 : 0 }
    }
}
