import NumPyIO
import Spectral

/// Long signals, written into their `.npz` block by block.
extension TrackFeatures {
    /// Frames per block when the outputs are streamed (16 MB of STFT at nFFT 2048).
    static let blockFrames = 2048

    /// Whether a signal of `frames` frames is better streamed into its `.npz` than held whole: its
    /// STFT or phase spans several blocks, and every kind can be cut into blocks of frames
    /// (instantaneous frequency, the paper's phase inputs, `if-logmel` and the two coherence kinds
    /// need the whole STFT, so a request with any of them goes through ``compute``).
    static func shouldStream(frames: Int, kinds: [FeatureKind]) -> Bool {
        frames > 2 * blockFrames && kinds.contains { $0 == .stft || $0 == .phase }
            && kinds.allSatisfy { [.stft, .phase, .mel, .logMel, .mfcc, .pcen].contains($0) }
    }

    /// The `.npz` members `stream` writes, in `kinds` order, for a signal of `frames` frames.
    static func members(
        frames: Int, kinds: [FeatureKind], extractor: FeatureExtractor, precision: StoredPrecision = .float32
    ) -> [NPZStreamWriter.Member] {
        let c = extractor.configuration
        return kinds.map { kind in
            let rows =
                switch kind {
                case .stft, .phase: extractor.stft.frequencyCount
                case .mfcc: c.nMFCC
                default: c.nMels
                }
            let name = kind.rawValue
            guard precision.applied(to: kind) == .float16 else {
                return NPZStreamWriter.Member(
                    name: name, dtype: kind == .stft ? .complex64 : .float32, shape: [rows, frames])
            }
            return NPZStreamWriter.Member(
                name: name, dtype: .float16, shape: kind == .stft ? [rows, frames, 2] : [rows, frames])
        }
    }

    /// Computes the kinds of ``members(frames:kinds:extractor:)`` and writes them into `writer`:
    /// the STFT, phase and PCEN block by block as they are computed (PCEN's smoother carried from
    /// block to block), the mel kinds at the end from the whole mel spectrogram (its dB peak is
    /// global). `signal` is emptied once the STFT pass is done, so the decoded track and the mel
    /// kinds are never in memory together.
    static func stream(
        _ signal: inout [Float], kinds: [FeatureKind], extractor: FeatureExtractor,
        precision: StoredPrecision = .float32, into writer: NPZStreamWriter
    ) throws {
        let frames = extractor.stft.frameCount(signalLength: signal.count), bands = extractor.melFilterbank.nMels
        let member = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let needsMel = kinds.contains { [.mel, .logMel, .mfcc].contains($0) }
        var mel = [Float](repeating: 0, count: needsMel ? bands * frames : 0)
        let pcen = extractor.energyNormalization
        var pcenState = pcen.initialState(rows: bands)
        // Each block's mel comes with its STFT: |X|² for the mel kinds, else |X| for PCEN.
        try extractor.forEachBlock(of: signal, blockFrames: blockFrames, power: needsMel ? 2 : 1) {
            columns, stft, melBlock in
            let amplitudeMel = { needsMel ? try extractor.melSpectrogram(from: stft, power: 1) : melBlock }
            let blocks: [(FeatureKind, () throws -> SpectralFeature)] = [
                (.stft, { .complex(stft) }), (.phase, { .real(stft.phase()) }),
                (.pcen, { .real(pcen(try amplitudeMel(), continuing: &pcenState)) }),
            ]
            for (kind, feature) in blocks {
                guard let index = member[kind] else { continue }
                let block = try feature()
                try requireFinite(block, kind)
                try NPYArray(block, kind: kind, precision: precision).payload.withUnsafeBytes {
                    try writer.write(index, columns: columns, bytes: $0)
                }
            }
            for band in 0..<(needsMel ? bands : 0) {
                mel.replaceSubrange(
                    band * frames + columns.lowerBound..<band * frames + columns.upperBound,
                    with: melBlock.values[band * columns.count..<(band + 1) * columns.count])
            }
        }
        signal = []
        guard needsMel else { return }
        let whole = Spectrogram(rowCount: bands, frameCount: frames, values: mel)
        for kind in kinds {
            guard let index = member[kind], let feature = try fromMel(kind, whole, extractor: extractor) else {
                continue
            }
            try requireFinite(feature, kind)
            try writer.write(index, array: NPYArray(feature, kind: kind, precision: precision))
        }
    }
}
