import Foundation
import Spectral
import Testing

@Suite("feature configuration")
struct FeatureConfigurationTests {
    @Test("canonical JSON has sorted keys, round-trips, and differs when a parameter does")
    func canonicalJSON() throws {
        var configuration = FeatureConfiguration()
        configuration.winLength = 1024
        let json = configuration.canonicalJSON()
        let text = try #require(String(data: json, encoding: .utf8))
        let keys = [
            "center", "fmin", "hopLength", "htk", "lifter", "nFFT", "nMFCC", "nMels", "norm", "sampleRate",
            "topDB", "winLength", "window",
        ]
        let positions = try keys.map { key in
            try #require(text.range(of: "\"\(key)\":")?.lowerBound, "\(key) in \(text)")
        }
        #expect(positions == positions.sorted(), "\(text)")
        #expect(!text.contains(" ") && !text.contains("\n"))
        #expect(try JSONDecoder().decode(FeatureConfiguration.self, from: json) == configuration)
        #expect(FeatureConfiguration().canonicalJSON() == FeatureConfiguration().canonicalJSON())
        var other = configuration
        other.nMels = 64
        #expect(other.canonicalJSON() != json)
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
