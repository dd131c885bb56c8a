import Foundation
import Spectral
import Testing

@Suite("phase angle")
struct AngleTests {
    @Test("phase() is within 3e-7 rad of the C library's Double atan2, with np.angle's signed zeros and ±π")
    func againstAtan2() {
        var values: [Float] = [0, -0.0, 1, -1, 1e-30, -1e-30, 3, -3, .leastNormalMagnitude]
        for i in 0..<4000 {
            let r = Float(i) / 4000
            values.append(Float(cos(Double(i) * 0.0137)) * r)
            values.append(Float(sin(Double(i) * 0.0731)) * (1 - r) * 100)
        }
        let count = values.count / 2 * 2
        let spectrogram = ComplexSpectrogram(
            frequencyCount: 1, frameCount: count / 2, interleaved: Array(values[..<count]))
        let pairs = (0..<count / 2).map { (values[2 * $0], values[2 * $0 + 1]) }
        let swapped = ComplexSpectrogram(
            frequencyCount: 1, frameCount: count / 2,
            interleaved: pairs.flatMap { [$0.1, $0.0] })
        for (spectrum, elements) in [(spectrogram, pairs), (swapped, pairs.map { ($0.1, $0.0) })] {
            let phase = spectrum.phase().values
            for (i, (re, im)) in elements.enumerated() {
                let exact = atan2(Double(im), Double(re))
                #expect(
                    abs(Double(phase[i]) - exact) <= 3e-7, "angle(\(re), \(im)) = \(phase[i]), atan2 gives \(exact)")
                #expect(phase[i].sign == exact.sign, "sign of angle(\(re), \(im))")
            }
        }
    }
}
