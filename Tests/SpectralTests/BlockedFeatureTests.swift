import Testing

@testable import Spectral

/// The signal-based mel/MFCC path transforms a long signal a block of frames at a time; its
/// values must be exactly those of the whole-STFT path (which the librosa reference tests check).
@Suite struct BlockedFeatureTests {
    let signal = PropertyTests.noise(count: 40_000, seed: 7)  // 79 frames at hop 512

    /// Block sizes that split the 79 frames unevenly, into one block exactly, into one block with
    /// room to spare, and one frame each.
    @Test(arguments: [7, 79, 2048, 1])
    func blockedMelMatchesWholeSTFT(blockFrames: Int) throws {
        let extractor = try FeatureExtractor()
        let whole = try extractor.melSpectrogram(from: extractor.stft(signal))
        let blocked = try extractor.melSpectrogram(signal, power: 2, blockFrames: blockFrames)
        #expect(blocked.rowCount == whole.rowCount && blocked.frameCount == whole.frameCount)
        // Same frames, same FFT plan, same per-column matrix product: bit for bit the same.
        #expect(blocked.values == whole.values)
    }

    @Test func columnsAreTheWholeSpectrogramsColumns() throws {
        let stft = try ShortTimeFourierTransform()
        let whole = try stft(signal)
        let part = stft.columns(30..<41, of: signal)
        for bin in [0, 1, 100, 1024] {
            for t in 0..<11 {
                let (wholeIndex, partIndex) = (2 * (bin * whole.frameCount + 30 + t), 2 * (bin * 11 + t))
                #expect(part.interleaved[partIndex] == whole.interleaved[wholeIndex], "bin \(bin) frame \(30 + t)")
                #expect(part.interleaved[partIndex + 1] == whole.interleaved[wholeIndex + 1])
            }
        }
    }

    @Test func mfccFromSignalEqualsMFCCFromSTFT() throws {
        let extractor = try FeatureExtractor()
        let fromSignal = try extractor.mfcc(signal)
        let fromSTFT = try extractor.mfcc(from: extractor.stft(signal))
        #expect(fromSignal.values == fromSTFT.values)
    }
}
