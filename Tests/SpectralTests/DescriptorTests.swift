import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

/// Spectral shape, contrast and chroma against librosa 0.11 on librosa's own magnitude spectrum
/// (`scripts/make_descriptor_fixtures.py`): a harmonic tone, a chirp and clicks, then digital
/// silence.
@Suite struct DescriptorTests {
    static let arrays: [String: NPYArray] = try! Fixtures.npz("spectral/descriptors.npz")
    let sampleRate = 22050.0, nFFT = 2048

    func spectrogram(_ name: String) throws -> Spectrogram {
        let shape = Self.arrays.shape(name)
        return Spectrogram(rowCount: shape[0], frameCount: shape[1], values: try Self.arrays.floats(name))
    }

    /// One row of the shape against its librosa function: the sums run in double precision
    /// against librosa's float32/float64 mix, so within float32 rounding of the largest value.
    @Test func theShapeRowsAreLibrosas() throws {
        let S = try spectrogram("S")
        let shape = S.spectralShape(sampleRate: sampleRate, nFFT: nFFT)
        let frames = S.frameCount
        #expect(shape.rowCount == 5 && shape.frameCount == frames)
        for (row, name) in ["centroid", "bandwidth", "rolloff", "flatness", "rms"].enumerated() {
            let ours = Array(shape.values[row * frames..<(row + 1) * frames])
            let expected = try Self.arrays.floats(name)
            if name == "rolloff" {
                #expect(ours == expected, "the same running float32 sum picks the same bin")
            } else {
                #expect(relativeError(ours, expected) <= 1e-5, "\(name): \(relativeError(ours, expected))")
            }
        }
        let silent = frames - 1
        #expect(S.values.enumerated().filter { $0.offset % frames == silent }.allSatisfy { $0.element == 0 })
        #expect((0..<5).map { shape[$0, silent] } == [0, 0, 0, 1, 0], "a silent frame")
    }

    /// Contrast in dB: peak and valley means over few sorted values, then logarithms.
    @Test func theContrastIsLibrosas() throws {
        let contrast = try SpectralContrast(sampleRate: sampleRate, nFFT: nFFT)(try spectrogram("S"))
        #expect(SpectralContrast.bandCount(sampleRate: sampleRate) == 7 && contrast.rowCount == 7)
        expectClose(contrast.values, try Self.arrays.floats("contrast"), rtol: 0, atol: 1e-3, "contrast (dB)")
    }

    /// At 8000 Hz the sixth octave band (6400 Hz) starts above Nyquist: the bands that fit are
    /// librosa's with `n_bands=5`.
    @Test func atALowRateOnlyTheBandsBelowNyquistAreKept() throws {
        #expect(SpectralContrast.bandCount(sampleRate: 8000) == 6)
        let contrast = try SpectralContrast(sampleRate: 8000, nFFT: 512)(try spectrogram("S_8k"))
        expectClose(contrast.values, try Self.arrays.floats("contrast_8k"), rtol: 0, atol: 1e-3, "contrast at 8 kHz")
        #expect(throws: SpectralError.self) { try SpectralContrast(sampleRate: 22050, nFFT: 16) }
    }

    /// Chroma of |X|² with librosa's filter bank at A = 440 Hz; each frame's largest class is 1,
    /// silent frames stay 0.
    @Test func theChromaIsLibrosas() throws {
        let S = try spectrogram("S")
        let power = Spectrogram(rowCount: S.rowCount, frameCount: S.frameCount, values: S.values.map { $0 * $0 })
        let chroma = Chroma(sampleRate: sampleRate, nFFT: nFFT)(power)
        #expect(chroma.rowCount == 12)
        expectClose(chroma.values, try Self.arrays.floats("chroma"), rtol: 1e-4, atol: 1e-6, "chroma")
    }
}
