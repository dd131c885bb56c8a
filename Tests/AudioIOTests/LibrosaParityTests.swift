import Foundation
import TestSupport
import Testing

@testable import AudioIO

/// Every fixture format decodes to what librosa 0.11 (`librosa.load`) returned for it.
///
/// Measured on this machine (max |Δ| against librosa): every lossless format, and MP3 and Opus,
/// bit-identical (0) at the native rate and resampled to 22050 Hz, also with `mono=False` and
/// an offset/duration window; Ogg Vorbis 8.9e-8 native, 1.2e-7 resampled (libvorbis of the system
/// libsndfile 1.2.0 vs the one bundled with python-soundfile's libsndfile 1.2.2).
@Suite struct LibrosaParityTests {
    static let files = AudioManifest.shared.files
    /// Lossless decoding without resampling: libsndfile's integer→float scaling, exactly.
    static let nativeTolerance: Float = 0
    /// Resampled (libsoxr HQ picks SIMD code by CPU at run time, so another machine may differ
    /// in the last bits; 0 here), and lossy decoders of another build (1.2e-7 here).
    static let resampledTolerance: Float = 1e-6
    static let lossyTolerance: Float = 1e-6

    func tolerance(_ entry: AudioManifest.Entry, resampled: Bool) -> Float {
        entry.isLossy ? Self.lossyTolerance : resampled ? Self.resampledTolerance : Self.nativeTolerance
    }

    @Test(arguments: files)
    func infoMatchesSoundfile(_ entry: AudioManifest.Entry) throws {
        let info = try AudioFile.info(entry.url)
        #expect(info.format == entry.format)
        #expect(info.subtype == entry.subtype)
        #expect(info.sampleRate == entry.sampleRate)
        #expect(info.channels == entry.channels)
        #expect(info.frames == entry.frames)
        #expect(abs(info.duration - entry.duration) < 1e-12)
        #expect(info.path == entry.url.path)
    }

    @Test(arguments: files)
    func nativeRateMatchesLibrosa(_ entry: AudioManifest.Entry) throws {
        let expected = try #require(try entry.reference("native") ?? entry.reference("sr22050"))
        let decoded = try AudioFile.load(entry.url, options: LoadOptions(sampleRate: nil))
        #expect(decoded.sampleRate == entry.sampleRate)
        #expect(decoded.channels == 1)
        try #require(decoded.samples.count == expected.count)
        let diff = maxAbsDifference(decoded.samples, expected)
        #expect(diff <= tolerance(entry, resampled: false), "max |Δ| \(diff)")
    }

    @Test(arguments: files)
    func resampledMatchesLibrosa(_ entry: AudioManifest.Entry) throws {
        let expected = try #require(try entry.reference("sr22050"))
        let decoded = try AudioFile.load(entry.url)
        #expect(decoded.sampleRate == 22050)
        try #require(decoded.samples.count == expected.count)
        let diff = maxAbsDifference(decoded.samples, expected)
        #expect(diff <= tolerance(entry, resampled: entry.sampleRate != 22050), "max |Δ| \(diff)")
    }

    /// Small read blocks (many block and resampler-chunk boundaries) give the same samples as
    /// librosa's whole-file call: the streaming path is exact, not approximately right.
    @Test(arguments: files.filter { !$0.isLossy })
    func streamingInSmallBlocksMatchesLibrosa(_ entry: AudioManifest.Entry) throws {
        let expected = try #require(try entry.reference("sr22050"))
        let handle = try SndfileHandle.open(.file(entry.url))
        let decoded = try AudioDecoder.decode(handle, options: LoadOptions(), blockFrames: 1000)
        try #require(decoded.samples.count == expected.count)
        let diff = maxAbsDifference(decoded.samples, expected)
        #expect(diff <= tolerance(entry, resampled: entry.sampleRate != 22050), "max |Δ| \(diff)")
    }

    @Test func keepsChannelsChannelMajorLikeLibrosaMonoFalse() throws {
        let entry = try #require(Self.files.first { $0.file.hasPrefix("wav_pcm24_stereo") })
        let expected = try #require(try entry.reference("stereo22050"))  // shape (2, n), C order
        let decoded = try AudioFile.load(entry.url, options: LoadOptions(mono: false))
        #expect(decoded.channels == 2)
        try #require(decoded.samples.count == expected.count)
        let diff = maxAbsDifference(decoded.samples, expected)
        #expect(diff <= Self.resampledTolerance, "max |Δ| \(diff)")
    }

    @Test func offsetAndDurationMatchLibrosa() throws {
        let entry = try #require(Self.files.first { $0.offset != nil })
        let window = LoadOptions(offset: entry.offset!, duration: entry.windowDuration!)
        for (key, sampleRate) in [("window22050", 22050), ("window_native", nil)] as [(String, Int?)] {
            let expected = try #require(try entry.reference(key))
            var options = window
            options.sampleRate = sampleRate
            let decoded = try AudioFile.load(entry.url, options: options)
            try #require(decoded.samples.count == expected.count, "\(key)")
            let diff = maxAbsDifference(decoded.samples, expected)
            #expect(diff <= tolerance(entry, resampled: sampleRate != nil), "\(key): max |Δ| \(diff)")
        }
    }

    /// Encoded bytes in memory decode through the same path to the same samples.
    @Test(arguments: files)
    func memoryDecodingEqualsFileDecoding(_ entry: AudioManifest.Entry) throws {
        let data = try Data(contentsOf: entry.url)
        let fromMemory = try AudioFile.load(data: data, name: entry.file)
        let fromFile = try AudioFile.load(entry.url)
        #expect(fromMemory == fromFile)
        var info = try AudioFile.info(data: data, name: entry.file)
        info.path = entry.url.path
        #expect(info == (try AudioFile.info(entry.url)))
    }
}
