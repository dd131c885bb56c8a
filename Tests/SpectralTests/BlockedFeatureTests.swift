import Testing

@testable import Spectral

/// The signal-based mel/MFCC path transforms a long signal a block of frames at a time; its
/// values must be exactly those of the whole-STFT path (which the librosa reference tests check).
@Suite struct BlockedFeatureTests {
    let signal = PropertyTests.noise(count: 40_000, seed: 7)  // 79 frames at hop 512

    /// The fused pass (each block of frames becomes mel bands while in cache) gives the values of
    /// the two-pass route (whole STFT, then |X|^p, then the filterbank) bit for bit, for the
    /// powers with their own formulas and any other, and with the STFT kept or not.
    @Test(arguments: [Float(2), 1, 1.5])
    func fusedMelMatchesWholeSTFT(power: Float) throws {
        let extractor = try FeatureExtractor()
        let stft = try extractor.stft(signal)
        let whole = try extractor.melSpectrogram(from: stft, power: power)
        let fromSignal = try extractor.melSpectrogram(signal, power: power)
        let (fusedSTFT, fusedMel) = try extractor.spectrogramAndMel(signal, power: power)
        #expect(fromSignal.rowCount == whole.rowCount && fromSignal.frameCount == whole.frameCount)
        #expect(fromSignal.values == whole.values)
        #expect(fusedMel == whole)
        #expect(fusedSTFT == stft)
    }

    /// The scratch buffers are reused from call to call with whatever the last call left in
    /// them: a loud signal's STFT and mel between two of a quiet one change nothing, and values
    /// of a buffer's own (NaN here) are never read.
    @Test func reusedScratchBuffersLeaveNoTrace() throws {
        let extractor = try FeatureExtractor()
        let before = try extractor.spectrogramAndMel(signal)
        let bins = extractor.stft.frequencyCount, stride = FFTBuffer.alignedStride(2 * bins)
        let block = ShortTimeFourierTransform.blockSize
        for count in [extractor.configuration.nFFT, stride * block, bins * block] {
            ScratchBuffers.with(count: count) { $0.pointer.update(repeating: .nan, count: count) }
        }
        _ = try extractor.spectrogramAndMel(signal.map { $0 * 1000 + 3 })
        let after = try extractor.spectrogramAndMel(signal)
        #expect(after.stft == before.stft && after.mel == before.mel)
        #expect(after.mel.values.allSatisfy(\.isFinite) && after.stft.interleaved.allSatisfy(\.isFinite))
    }

    /// Frame counts below, at and just above one block of the fused pass.
    @Test(arguments: [2_048, 15_872, 16_384])
    func fusedMelAtBlockEdges(length: Int) throws {
        let extractor = try FeatureExtractor()
        let short = Array(signal.prefix(length))
        let (stft, mel) = try extractor.spectrogramAndMel(short)
        #expect(mel == (try extractor.melSpectrogram(from: extractor.stft(short))))
        #expect(stft == (try extractor.stft(short)))
    }

    /// Blocks that split the 79 frames unevenly, into one block exactly, and one frame each.
    @Test(arguments: [7, 79, 1])
    func blocksAreTheWholesColumns(blockFrames: Int) throws {
        let extractor = try FeatureExtractor()
        let (stft, mel) = try extractor.spectrogramAndMel(signal)
        var next = 0
        try extractor.forEachBlock(of: signal, blockFrames: blockFrames) { frames, stftBlock, melBlock in
            #expect(frames.lowerBound == next && frames.count == min(blockFrames, 79 - next))
            for row in [0, 5, 127] {
                #expect(
                    Array(melBlock.values[row * frames.count..<(row + 1) * frames.count])
                        == Array(mel.values[row * 79 + frames.lowerBound..<row * 79 + frames.upperBound]))
            }
            for bin in [0, 300, 1024] {
                #expect(
                    Array(stftBlock.interleaved[2 * bin * frames.count..<2 * (bin + 1) * frames.count])
                        == Array(
                            stft.interleaved[2 * (bin * 79 + frames.lowerBound)..<2 * (bin * 79 + frames.upperBound)]))
            }
            next = frames.upperBound
        }
        #expect(next == 79)
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
