import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

/// Every output against librosa 0.11 / NumPy references for the six fixture signals.
@Suite("librosa references")
struct ReferenceTests {
    @Test("STFT equals librosa.stft", arguments: SpectralFixtures.caseNames)
    func stft(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let extractor = try FeatureExtractor(parameters.configuration)
        let spectrogram = try extractor.stft(arrays.floats("signal"))
        #expect([spectrogram.frequencyCount, spectrogram.frameCount] == arrays.shape("stft"))
        let expected = try arrays.complex("stft")
        #expect(relativeError(spectrogram.interleaved, expected) <= 1e-6, "\(name)")
    }

    @Test("mel filterbank equals librosa.filters.mel", arguments: SpectralFixtures.caseNames)
    func melBasis(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let weights = try FeatureExtractor(parameters.configuration).melFilterbank.weights
        let step = parameters.melBasisRowStep
        let rows = stride(from: 0, to: weights.rowCount, by: step).flatMap { r in
            weights.values[r * weights.frameCount..<(r + 1) * weights.frameCount]
        }
        expectClose(rows, try arrays.floats("mel_basis"), rtol: 1e-6, atol: 1e-9, "\(name) mel basis")
    }

    @Test("mel spectrogram, dB and MFCC equal librosa's", arguments: SpectralFixtures.caseNames)
    func melDecibelsMFCC(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let extractor = try FeatureExtractor(parameters.configuration)
        let signal = try arrays.floats("signal")
        let mel = try extractor.melSpectrogram(signal)
        #expect(relativeError(mel.values, try arrays.floats("melspectrogram")) <= 1e-6, "\(name) mel")
        expectClose(
            try extractor.logMelSpectrogram(signal).values, try arrays.floats("power_to_db"), rtol: 0, atol: 1e-3,
            "\(name) dB")
        expectClose(try extractor.mfcc(signal).values, try arrays.floats("mfcc"), rtol: 0, atol: 1e-3, "\(name) MFCC")
    }

    @Test("ISTFT equals librosa.istft with length")
    func istft() throws {
        for name in SpectralFixtures.caseNames {
            let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
            let stft = try FeatureExtractor(parameters.configuration).stft
            let spectrogram = try fixtureSTFT(arrays, parameters)
            let expected = try arrays.floats("istft")
            let signal = try stft.inverse(spectrogram, length: expected.count)
            // Without centring, the first and last samples are covered only by the window's tails:
            // both implementations divide there by a window sum-square down to 1e-34 and amplify
            // rounding by its inverse (librosa returns −1.07e9 for the chirp's sample 0), so the
            // difference is weighed by min(1, sum-square) (1 wherever ≥ 2 Hann frames overlap).
            let weights = windowSumSquare(stft, frames: spectrogram.frameCount, length: expected.count).map {
                min(1, $0)
            }
            expectClose(
                zip(signal, weights).map(*), zip(expected, weights).map(*), rtol: 0, atol: 1e-6,
                "\(name) istft × min(1, window sum-square)")
        }
    }

    @Test("ISTFT without length, power_to_db(ref=max), paper and liftered MFCC")
    func chordExtras() throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases["chord"]!, try SpectralFixtures.arrays("chord"))
        var configuration = parameters.configuration
        let extractor = try FeatureExtractor(configuration)
        let signal = try arrays.floats("signal")
        let unbounded = try extractor.stft.inverse(fixtureSTFT(arrays, parameters))
        expectClose(unbounded, try arrays.floats("istft_no_length"), rtol: 0, atol: 1e-6, "istft without length")

        let mel = try extractor.melSpectrogram(signal)
        expectClose(
            try mel.powerToDB(ref: .maximum).values, try arrays.floats("power_to_db_ref_max"),
            rtol: 0, atol: 1e-3, "dB ref=max")

        configuration.nMels = 13
        configuration.nMFCC = 13
        expectClose(
            try FeatureExtractor(configuration).mfcc(signal).values, try arrays.floats("mfcc_paper"),
            rtol: 0, atol: 1e-3, "paper MFCC (13 mels, 13 coefficients)")

        configuration = parameters.configuration
        configuration.lifter = try #require(parameters.lifterMFCC)
        // Liftering multiplies coefficients by up to 1 + 22/2 = 12, and their error with them.
        expectClose(
            try FeatureExtractor(configuration).mfcc(signal).values, try arrays.floats("mfcc_lifter"),
            rtol: 0, atol: 2e-3, "liftered MFCC")
    }

    @Test("instantaneous frequency and group delay equal the NumPy formulas", arguments: ["chord", "short"])
    func phaseDerivatives(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let spectrogram = try fixtureSTFT(arrays, parameters)
        let sampleRate = Double(SpectralFixtures.meta.sampleRate)
        let frequency = try spectrogram.instantaneousFrequency(
            sampleRate: sampleRate, hopLength: parameters.hopLength, nFFT: parameters.nFFT)
        // The principal value jumps by 2π at ±π: a phase step within rounding of ±π may land on
        // either side, which moves IF by exactly sampleRate/hopLength Hz and GD by nFFT samples.
        expectCloseModulo(
            frequency.values, try arrays.floats("instantaneous_frequency"),
            period: Float(sampleRate) / Float(parameters.hopLength), atol: 2e-3, "\(name) IF (Hz)")
        let delay = try spectrogram.groupDelay(nFFT: parameters.nFFT)
        expectCloseModulo(
            delay.values, try arrays.floats("group_delay"), period: Float(parameters.nFFT),
            atol: 2e-3, "\(name) group delay (samples)")
    }

    @Test(
        "workflow 1 (complex log-mel) and 2 (phase-MFCC) equal the NumPy formulas",
        arguments: SpectralFixtures.caseNames)
    func paperWorkflows(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        let extractor = try FeatureExtractor(parameters.configuration)
        let spectrogram = try fixtureSTFT(arrays, parameters)
        let logMel = try extractor.complexLogMel(from: spectrogram, epsilon: SpectralFixtures.meta.epsilon)
        // The mel sums of complex bins cancel (|C| down to ~1e-3 of its terms), so Float32
        // accumulation leaves up to ~1e-3 in log|C| against NumPy's float64 reference.
        expectClose(
            logMel.interleaved, try arrays.complex("complex_log_mel"), rtol: 0, atol: 1.5e-3, "\(name) workflow 1")
        let phaseMFCC = try extractor.phaseMFCC(from: spectrogram)
        #expect([phaseMFCC.frequencyCount, phaseMFCC.frameCount] == arrays.shape("phase_mfcc"))
        #expect(relativeError(phaseMFCC.interleaved, try arrays.complex("phase_mfcc")) <= 1e-4, "\(name) workflow 2")
    }

    @Test(
        "quadratic phase coupling and its mel pooling equal the NumPy formulas",
        arguments: SpectralFixtures.caseNames.filter {
            SpectralFixtures.meta.cases[$0]!.arrays.contains("phase_coupling")
        })
    func phaseCoupling(name: String) throws {
        let (parameters, arrays) = (SpectralFixtures.meta.cases[name]!, try SpectralFixtures.arrays(name))
        var configuration = parameters.configuration
        configuration.nMels = 40
        let spectrogram = try fixtureSTFT(arrays, parameters)
        let coupling = spectrogram.quadraticPhaseCoupling()
        #expect(coupling.frequencyCount == (spectrogram.frequencyCount + 1) / 2)
        // The fixture keeps every 8th row.
        var everyEighth: [Float] = []
        for k in stride(from: 0, to: coupling.frequencyCount, by: 8) {
            everyEighth += coupling.interleaved[(2 * k * coupling.frameCount)..<(2 * (k + 1) * coupling.frameCount)]
        }
        #expect(relativeError(everyEighth, try arrays.complex("phase_coupling")) <= 1e-5, "\(name) coupling")
        let pooled = try FeatureExtractor(configuration).phaseCouplingMel(from: spectrogram)
        #expect([pooled.frequencyCount, pooled.frameCount] == arrays.shape("phase_coupling_mel"))
        let error = relativeError(pooled.interleaved, try arrays.complex("phase_coupling_mel"))
        #expect(error <= 1e-4, "\(name) coupling mel: \(error)")
    }

    /// librosa's STFT from the fixture, so phase features are compared on identical input.
    private func fixtureSTFT(_ arrays: [String: NPYArray], _ parameters: SpectralCase) throws -> ComplexSpectrogram {
        let shape = arrays.shape("stft")
        return ComplexSpectrogram(
            frequencyCount: shape[0], frameCount: shape[1], interleaved: try arrays.complex("stft"))
    }
}

/// Σₜ w²(n + padding − t·hopLength) for output sample n: what `inverse` divides by.
func windowSumSquare(_ stft: ShortTimeFourierTransform, frames: Int, length: Int) -> [Float] {
    let padding = stft.center ? stft.nFFT / 2 : 0
    var sum = [Float](repeating: 0, count: stft.nFFT + stft.hopLength * (frames - 1))
    for t in 0..<frames {
        for (j, w) in stft.paddedWindow.enumerated() { sum[t * stft.hopLength + j] += w * w }
    }
    return (0..<length).map { $0 + padding < sum.count ? sum[$0 + padding] : 0 }
}

/// Like `expectClose(rtol: 0, atol:)`, but a difference within `atol` of a whole number of
/// `period`s also counts as equal (and is reported in the count below if any).
func expectCloseModulo(
    _ actual: [Float], _ expected: [Float], period: Float, atol: Float, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var wrapped = 0
    let folded = zip(actual, expected).map { a, e -> Float in
        let turns = ((a - e) / period).rounded()
        if turns != 0 { wrapped += 1 }
        return a - turns * period
    }
    expectClose(folded, expected, rtol: 0, atol: atol, what, sourceLocation: sourceLocation)
    // A branch-cut flip is a rounding accident: allow one in a thousand elements, no more.
    #expect(
        wrapped * 1000 <= actual.count, "\(what): \(wrapped) of \(actual.count) values differ by a whole period",
        sourceLocation: sourceLocation)
}
