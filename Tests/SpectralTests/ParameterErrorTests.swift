import Spectral
import Testing

/// Every bad parameter or signal throws a ``SpectralError`` whose message quotes the value.
@Suite("bad parameters")
struct ParameterErrorTests {
    private func expectError(
        _ quoted: String, _ body: () throws -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            try body()
            Issue.record("no error; expected one quoting \(quoted)", sourceLocation: sourceLocation)
        } catch let error as SpectralError {
            #expect(error.description.contains(quoted), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    private func configuration(_ change: (inout FeatureConfiguration) -> Void) -> FeatureConfiguration {
        var configuration = FeatureConfiguration()
        change(&configuration)
        return configuration
    }

    @Test("feature configurations")
    func configurations() {
        let cases: [(String, FeatureConfiguration)] = [
            ("nFFT=0 must be a positive integer", configuration { $0.nFFT = 0 }),
            ("nFFT=-4 must be a positive integer", configuration { $0.nFFT = -4 }),
            ("hopLength=0 must be a positive integer", configuration { $0.hopLength = 0 }),
            ("winLength=4096 must be at most nFFT=2048", configuration { $0.winLength = 4096 }),
            ("nMels=0 must be a positive integer", configuration { $0.nMels = 0 }),
            ("nMels=128 is too many for nFFT=256", configuration { $0.nFFT = 256 }),
            ("fmax=12000.0 must be at most sampleRate/2=11025.0", configuration { $0.fmax = 12000 }),
            ("fmin=5000.0 must be less than fmax=4000.0", configuration { ($0.fmin, $0.fmax) = (5000, 4000) }),
            ("fmin=-1.0 must be non-negative", configuration { $0.fmin = -1 }),
            ("sampleRate=0 must be a positive integer", configuration { $0.sampleRate = 0 }),
            ("nMFCC=0 must be a positive integer", configuration { $0.nMFCC = 0 }),
            ("nMFCC=40 must be at most nMels=13", configuration { ($0.nMels, $0.nMFCC) = (13, 40) }),
            ("lifter=-1.0 must be a non-negative number", configuration { $0.lifter = -1 }),
            ("topDB=-5.0 must be non-negative", configuration { $0.topDB = -5 }),
        ]
        for (quoted, configuration) in cases {
            expectError(quoted) { try configuration.validate() }
        }
    }

    @Test("signals")
    func signals() throws {
        let extractor = try FeatureExtractor()
        expectError("signal is empty") { _ = try extractor.stft([]) }
        expectError("signal[2]=nan is not finite") { _ = try extractor.mfcc([0, 1, .nan, 0]) }
        expectError("signal[0]=inf is not finite") { _ = try extractor.melSpectrogram([.infinity]) }
        let uncentred = try ShortTimeFourierTransform(center: false)
        expectError("nFFT=2048 is too large for uncentered analysis of input signal of length=1000") {
            _ = try uncentred(Array(repeating: 0, count: 1000))
        }
    }

    @Test("other stages")
    func stages() throws {
        let stft = try ShortTimeFourierTransform(nFFT: 512)
        let spectrogram = try stft(Array(repeating: 0.1, count: 2000))
        expectError("spectrogram has 257 frequency rows; nFFT=1024 needs 513") {
            _ = try ShortTimeFourierTransform(nFFT: 1024).inverse(spectrogram)
        }
        expectError("length=0 must be a positive integer") { _ = try stft.inverse(spectrogram, length: 0) }
        expectError("the mel filterbank for nFFT=2048 needs 1025") { _ = try MelFilterbank()(spectrogram.power()) }
        expectError("amin=0.0 must be strictly positive") { _ = try spectrogram.power().powerToDB(amin: 0) }
        expectError("input has 257 rows; the DCT expects inputCount=128") {
            _ = try DiscreteCosineTransform(inputCount: 128)(spectrogram.power())
        }
        expectError("outputCount=20 must be at most inputCount=13") {
            _ = try DiscreteCosineTransform(inputCount: 13, outputCount: 20)
        }
        expectError("hopLength=0 must be a positive integer") {
            _ = try spectrogram.instantaneousFrequency(sampleRate: 22050, hopLength: 0, nFFT: 512)
        }
        expectError("sampleRate=-1.0 must be a positive number") { _ = try MelFilterbank(sampleRate: -1) }
    }

    /// librosa's `pcen` checks, with the parameter named as Swift spells it.
    @Test("PCEN")
    func pcen() {
        typealias PCEN = PerChannelEnergyNormalization
        expectError("power=-0.5 must be non-negative") { _ = try PCEN(power: -0.5) }
        expectError("gain=-1.0 must be non-negative") { _ = try PCEN(gain: -1) }
        expectError("bias=nan must be non-negative") { _ = try PCEN(bias: .nan) }
        expectError("epsilon=0.0 must be strictly positive") { _ = try PCEN(epsilon: 0) }
        expectError("timeConstant=0.0 must be strictly positive") { _ = try PCEN(timeConstant: 0) }
        expectError("sampleRate=-1.0 must be strictly positive") { _ = try PCEN(sampleRate: -1) }
        expectError("hopLength=0 must be a positive integer") { _ = try PCEN(hopLength: 0) }
        expectError("inputScale=0.0 must be strictly positive") { _ = try PCEN(inputScale: 0) }
    }
}
