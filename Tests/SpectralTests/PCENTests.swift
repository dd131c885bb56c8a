import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

/// The parameters `scripts/make_pcen_fixtures.py` gave librosa (`Tests/Fixtures/spectral/pcen.json`).
private struct PCENFixture: Decodable {
    struct STFT: Decodable {
        var nFFT: Int, hopLength: Int, winLength: Int
        enum CodingKeys: String, CodingKey { case nFFT = "n_fft", hopLength = "hop_length", winLength = "win_length" }
    }
    struct Setting: Decodable {
        var gain: Float?, bias: Float?, power: Float?, timeConstant: Double?, eps: Float?
        enum CodingKeys: String, CodingKey { case gain, bias, power, timeConstant = "time_constant", eps }
    }
    var sampleRate: Int
    var inputScale: Float
    var stft: STFT
    var settings: [String: Setting]
    enum CodingKeys: String, CodingKey { case sampleRate = "sample_rate", inputScale = "input_scale", stft, settings }

    static let meta: PCENFixture = try! Fixtures.json("spectral/pcen.json")
    static let arrays: [String: NPYArray] = try! Fixtures.npz("spectral/pcen.npz")

    /// The fixture's STFT and mel parameters (40 Slaney bands up to sr/2) as a ``FeatureConfiguration``.
    var configuration: FeatureConfiguration {
        var configuration = FeatureConfiguration()
        (configuration.sampleRate, configuration.nFFT, configuration.hopLength) =
            (sampleRate, stft.nFFT, stft.hopLength)
        (configuration.winLength, configuration.nMels) = (stft.winLength, 40)
        return configuration
    }

    /// librosa's `pcen(mel * input_scale, sr, hop_length, **setting)`, its other parameters at their defaults.
    func normalization(_ name: String) throws -> PerChannelEnergyNormalization {
        let s = settings[name]!
        return try PerChannelEnergyNormalization(
            sampleRate: Double(sampleRate), hopLength: stft.hopLength, gain: s.gain ?? 0.98, bias: s.bias ?? 2,
            power: s.power ?? 0.5, timeConstant: s.timeConstant ?? 0.4, epsilon: s.eps ?? 1e-6,
            inputScale: inputScale)
    }

    /// librosa's amplitude mel of the fixture signal, `[40, frames]`, unscaled.
    var mel: Spectrogram {
        let shape = PCENFixture.arrays.shape("mel")
        return Spectrogram(rowCount: shape[0], frameCount: shape[1], values: try! PCENFixture.arrays.floats("mel"))
    }
}

/// PCEN (``PerChannelEnergyNormalization``) against librosa 0.11's `pcen`, in blocks as whole, and
/// the `pcen` feature of ``FeatureExtractor`` from a signal.
@Suite struct PCENTests {
    private let fixture = PCENFixture.meta

    /// On librosa's own mel, each of librosa's three compression formulas and the default and a
    /// short time constant: Float arithmetic against librosa's float64, within the relative error
    /// the mel spectrogram is held to.
    @Test(arguments: ["defaults", "custom", "log", "unbiased"])
    func equalsLibrosa(setting: String) throws {
        let pcen = try fixture.normalization(setting)
        let output = pcen(fixture.mel)
        let expected = try PCENFixture.arrays.floats(setting)
        let error = relativeError(output.values, expected)
        #expect(error <= 1e-6, "\(setting): \(error)")
    }

    /// The smoother's state after the last frame is librosa's `zf` (`return_zf=True`).
    @Test func theFinalStateIsLibrosasFilterDelays() throws {
        let pcen = try fixture.normalization("defaults")
        var state = pcen.initialState(rows: 40)
        _ = pcen(fixture.mel, continuing: &state)
        let zf = try PCENFixture.arrays.floats("defaults_zf").map(Double.init)
        expectClose(state.delays, zf, rtol: 1e-6, atol: 0, "zf")
    }

    /// The feature from the signal (Swift's STFT and amplitude mel, scaled by 2³¹) against
    /// librosa's chain on the same float32 samples.
    @Test func theFeatureFromTheSignalEqualsLibrosa() throws {
        let extractor = try FeatureExtractor(fixture.configuration)
        #expect(FeatureExtractor.pcenInputScale == fixture.inputScale)
        let signal = try PCENFixture.arrays.floats("signal")
        let output = try extractor.pcen(signal)
        #expect([output.rowCount, output.frameCount] == PCENFixture.arrays.shape("defaults"))
        let error = relativeError(output.values, try PCENFixture.arrays.floats("defaults"))
        #expect(error <= 1e-6, "\(error)")
        #expect(try extractor.pcen(from: extractor.stft(signal)) == output)
    }

    /// Blocks that split the 251 frames unevenly, one frame each, and all in one: the state
    /// carried from block to block gives the whole's columns bit for bit.
    @Test(arguments: [7, 1, 128, 251])
    func blocksAreTheWholesColumns(blockFrames: Int) throws {
        let pcen = try fixture.normalization("custom")
        let mel = fixture.mel
        let whole = pcen(mel)
        var state = pcen.initialState(rows: mel.rowCount)
        for first in stride(from: 0, to: mel.frameCount, by: blockFrames) {
            let frames = first..<min(first + blockFrames, mel.frameCount)
            let block = pcen(columns(frames, of: mel), continuing: &state)
            #expect(block == columns(frames, of: whole), "frames \(frames)")
        }
    }

    private func columns(_ frames: Range<Int>, of spectrogram: Spectrogram) -> Spectrogram {
        let values = (0..<spectrogram.rowCount).flatMap { row in
            spectrogram.values[
                row * spectrogram.frameCount + frames.lowerBound..<row * spectrogram.frameCount
                    + frames.upperBound]
        }
        return Spectrogram(rowCount: spectrogram.rowCount, frameCount: frames.count, values: values)
    }
}
