import Foundation
import NumPyIO
import Spectral
import TestSupport
import Testing

@testable import FeatureExtraction

/// Features in memory: the finiteness check before anything is written, and a long track streamed
/// into its `.npz` block by block giving the file computed whole.
@Suite struct TrackFeaturesTests {
    /// nFFT 256 at hop 16: 70 000 samples are 4376 frames, more than two blocks of 2048.
    private let extractor: FeatureExtractor

    init() throws {
        var spectral = FeatureConfiguration()
        (spectral.nFFT, spectral.hopLength, spectral.nMels, spectral.nMFCC) = (256, 16, 16, 8)
        extractor = try FeatureExtractor(spectral)
    }

    private func tone(_ count: Int, amplitude: Double) -> [Float] {
        (0..<count).map { i in
            let t = Double(i)
            return Float(amplitude * (0.3 * sin(t * 0.05) + 0.1 * sin(t * 0.71)))
        }
    }

    @Test func aNaNInEitherPartMakesAFeatureNonFinite() {
        let real = Spectrogram(rowCount: 1, frameCount: 2, values: [1, 2])
        let complex = ComplexSpectrogram(frequencyCount: 1, frameCount: 2, interleaved: [1, 2, 3, 4])
        #expect(SpectralFeature.real(real).isFinite && SpectralFeature.complex(complex).isFinite)
        var nan = real, infinite = complex
        nan.values[1] = .nan
        infinite.interleaved[3] = -.infinity
        #expect(!SpectralFeature.real(nan).isFinite)
        #expect(!SpectralFeature.complex(infinite).isFinite)
    }

    /// A signal near Float's range has a finite STFT whose power overflows: the mel kinds are
    /// refused by name, whole or streamed.
    @Test func anOverflowingFeatureIsRefusedByName() throws {
        let loud = tone(70_000, amplitude: 1e20)
        #expect(throws: FeatureError.nonFinite(feature: "mel")) {
            _ = try TrackFeatures.compute(loud, kinds: [.stft, .mel], extractor: extractor)
        }
        let folder = TemporaryDirectory()
        let frames = extractor.stft.frameCount(signalLength: loud.count)
        let writer = try NPZStreamWriter(
            url: folder.file("loud.npz"),
            members: TrackFeatures.members(frames: frames, kinds: [.stft, .mel], extractor: extractor))
        var signal = loud
        #expect(throws: FeatureError.nonFinite(feature: "mel")) {
            try TrackFeatures.stream(&signal, kinds: [.stft, .mel], extractor: extractor, into: writer)
        }
    }

    /// Every streamable kind; PCEN beside the phase alone (its mel then comes fused with each STFT
    /// block instead of from it): PCEN's smoother carries across blocks; no mel kind at all; each
    /// stored in both precisions.
    @Test(
        arguments: [[FeatureKind.stft, .mel, .logMel, .mfcc, .phase, .pcen], [.phase, .pcen], [.stft, .phase]],
        StoredPrecision.allCases)
    func aLongTrackStreamedIsTheFileComputedWhole(kinds: [FeatureKind], precision: StoredPrecision) throws {
        var signal = tone(70_000, amplitude: 1)
        let frames = extractor.stft.frameCount(signalLength: signal.count)
        #expect(TrackFeatures.shouldStream(frames: frames, kinds: kinds))
        let folder = TemporaryDirectory()
        let whole = try TrackFeatures.compute(signal, kinds: kinds, extractor: extractor)
        let arrays = try zip(kinds, whole).map { kind, computed in
            (computed.name, try NPYArray(computed.feature, kind: kind, precision: precision))
        }
        try NPZArchive.write(arrays, to: folder.file("whole.npz"))
        let writer = try NPZStreamWriter(
            url: folder.file("streamed.npz"),
            members: TrackFeatures.members(frames: frames, kinds: kinds, extractor: extractor, precision: precision))
        try TrackFeatures.stream(&signal, kinds: kinds, extractor: extractor, precision: precision, into: writer)
        try writer.finish()
        #expect(signal.isEmpty, "the samples are let go once the STFT pass is done")
        #expect(try Data(contentsOf: folder.file("streamed.npz")) == Data(contentsOf: folder.file("whole.npz")))
    }

    /// `--dtype float16`: each value is the float32 one rounded to the nearest half (Swift's own
    /// `Float16`, an independent rounding), complex values as a trailing (re, im) axis; the mel
    /// power stays float32; the cache reads the halves back as the matrix of those values.
    @Test func halfPrecisionRoundsEachValueAndKeepsMelPower() throws {
        let signal = tone(4_000, amplitude: 1)
        let kinds: [FeatureKind] = [.stft, .mel, .mfcc, .phase]
        for (kind, computed) in zip(kinds, try TrackFeatures.compute(signal, kinds: kinds, extractor: extractor)) {
            let array = try NPYArray(computed.feature, kind: kind, precision: .float16)
            let full = NPYArray(computed.feature)
            guard kind != .mel else {
                #expect(array == full)
                continue
            }
            #expect(array.dtype == .float16)
            #expect(array.shape == (kind == .stft ? computed.feature.shape + [2] : computed.feature.shape))
            let values = kind == .stft ? try full.complexInterleaved() : try full.floats()
            #expect(try array.floats() == values.map { Float(Float16($0)) }, "\(kind)")
            let read = try FeatureMatrix(array, name: "x.npz")
            let expected = try FeatureMatrix(
                kind == .stft
                    ? NPYArray(shape: full.shape, complex64Interleaved: values.map { Float(Float16($0)) })
                    : NPYArray(shape: full.shape, float32: values.map { Float(Float16($0)) }),
                name: "x.npz")
            #expect(read == expected)
        }
    }

    @Test func aValueBeyondTheHalfRangeIsRefusedByName() throws {
        let loud = tone(4_000, amplitude: 1e4)
        let stft = try TrackFeatures.compute(loud, kinds: [.stft], extractor: extractor)[0].feature
        #expect(throws: FeatureError.self) { try NPYArray(stft, kind: .stft, precision: .float16) }
        do {
            _ = try NPYArray(stft, kind: .stft, precision: .float16)
        } catch {
            #expect("\(error)".hasPrefix("feature 'stft' does not fit --dtype float16: value "))
            #expect("\(error)".hasSuffix("is beyond float16's range (±65504); store it with --dtype float32"))
        }
        #expect(throws: Never.self) { try NPYArray(stft, kind: .stft, precision: .float32) }
    }
}
