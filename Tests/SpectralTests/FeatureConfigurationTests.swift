import Foundation
import Spectral
import Testing

@Suite("feature configuration")
struct FeatureConfigurationTests {
    @Test("round-trips through JSON, and equal configurations are equal and hash alike")
    func codableAndHashable() throws {
        var configuration = FeatureConfiguration()
        configuration.winLength = 1024
        let json = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(FeatureConfiguration.self, from: json) == configuration)
        #expect(
            try JSONDecoder().decode(FeatureConfiguration.self, from: JSONEncoder().encode(FeatureConfiguration()))
                == FeatureConfiguration())
        var other = configuration
        other.nMels = 64
        #expect(other != configuration)
        #expect(Set([configuration, other, configuration]).count == 2)
    }

    @Test("the defaults are librosa's")
    func defaults() throws {
        let extractor = try FeatureExtractor()
        #expect(
            extractor.stft
                == (try ShortTimeFourierTransform(
                    nFFT: 2048, hopLength: 512, winLength: 2048,
                    window: .hann, center: true)))
        #expect(
            extractor.melFilterbank
                == (try MelFilterbank(
                    sampleRate: 22050, nFFT: 2048, nMels: 128, fmin: 0,
                    fmax: 11025, htk: false, norm: .slaney)))
        #expect(extractor.mfccTransform == (try MFCC(nMFCC: 20, nMels: 128, lifter: 0)))
        #expect(extractor.configuration.topDB == 80)
    }
}
