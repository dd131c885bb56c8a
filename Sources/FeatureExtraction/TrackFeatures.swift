import ClassifierSupport
import NumPyIO
import Spectral

/// Computes the requested features of one mono signal from a single STFT, as named NumPy arrays.
package enum TrackFeatures {
    /// The STFT is computed once, when a kind first needs it, and the mel power spectrogram in
    /// the same pass when a mel kind (or `logmel-coherence`) is requested too; mel, log-mel and
    /// MFCC alone come from the signal a block of frames at a time, so their memory stays near
    /// the signal's own size however long it is.
    ///
    /// - Throws: ``SpectralError`` for a signal the configuration cannot analyse, or
    ///   ``FeatureError`` if any value came out non-finite (never written silently).
    package static func compute(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) throws -> [(
        name: String, array: NPYArray
    )] {
        let configuration = extractor.configuration
        var arrays: [(name: String, array: NPYArray)] = []
        var stft: ComplexSpectrogram? = nil
        var mel: Spectrogram? = nil
        let needsMel = kinds.contains { [.mel, .logMel, .mfcc, .logMelCoherence].contains($0) }
        func spectrogram() throws -> ComplexSpectrogram {
            if let stft { return stft }
            if needsMel && mel == nil {
                (stft, mel) = try extractor.spectrogramAndMel(signal)
            } else {
                stft = try extractor.stft(signal)
            }
            return stft!
        }
        func melPower() throws -> Spectrogram {
            if let mel { return mel }
            mel = try stft.map { try extractor.melSpectrogram(from: $0) } ?? extractor.melSpectrogram(signal)
            return mel!
        }
        for kind in kinds {
            let array: NPYArray
            switch kind {
            case .stft: array = npy(try spectrogram())
            case .mel, .logMel, .mfcc: array = try fromMel(kind, try melPower(), extractor: extractor)!
            case .phase: array = npy(try spectrogram().phase())
            case .instantaneousFrequency:
                array = npy(
                    try spectrogram().instantaneousFrequency(
                        sampleRate: Double(configuration.sampleRate), hopLength: configuration.hopLength,
                        nFFT: configuration.nFFT))
            case .groupDelay: array = npy(try spectrogram().groupDelay(nFFT: configuration.nFFT))
            case .complexLogMel: array = npy(try extractor.complexLogMel(from: spectrogram()))
            case .phaseMFCC: array = npy(try extractor.phaseMFCC(from: spectrogram()))
            case .phaseCoupling: array = npy(try extractor.phaseCouplingLogMel(from: spectrogram()))
            case .ifLogMel: array = npy(try extractor.phaseAdvanceLogMel(from: spectrogram()))
            case .logMelCoherence:
                let logMel = try melPower().powerToDB(topDB: configuration.topDB.map(Float.init))
                let coherence = try extractor.phaseCoherence(from: spectrogram())
                array = NPYArray(
                    shape: [2 * logMel.rowCount, logMel.frameCount], float32: logMel.values + coherence.values)
            }
            try requireFinite(array, kind)
            arrays.append((kind.rawValue, array))
        }
        return arrays
    }

    /// The array of a kind made from the mel power spectrogram alone, or `nil` for other kinds.
    private static func fromMel(_ kind: FeatureKind, _ mel: Spectrogram, extractor: FeatureExtractor) throws
        -> NPYArray?
    {
        switch kind {
        case .mel: npy(mel)
        case .logMel: npy(try mel.powerToDB(topDB: extractor.configuration.topDB.map(Float.init)))
        case .mfcc: npy(try extractor.mfcc(fromMel: mel))
        default: nil
        }
    }

    /// Non-finite values are never written silently.
    private static func requireFinite(_ array: NPYArray, _ kind: FeatureKind) throws {
        guard array.isFinite else { throw FeatureError.nonFinite(feature: kind.rawValue) }
    }

    // MARK: - Long signals, written block by block

    /// Frames per block when the outputs are streamed (16 MB of STFT at nFFT 2048).
    static let blockFrames = 2048

    /// Whether a signal of `frames` frames is better streamed into its `.npz` than held whole: its
    /// STFT or phase spans several blocks, and every kind can be cut into blocks of frames
    /// (instantaneous frequency, the paper's phase inputs, `if-logmel` and `logmel-coherence`
    /// need the whole STFT, so a request with any of them goes through ``compute``).
    static func shouldStream(frames: Int, kinds: [FeatureKind]) -> Bool {
        frames > 2 * blockFrames && kinds.contains { $0 == .stft || $0 == .phase }
            && kinds.allSatisfy { [.stft, .phase, .mel, .logMel, .mfcc].contains($0) }
    }

    /// The `.npz` members `stream` writes, in `kinds` order, for a signal of `frames` frames.
    static func members(frames: Int, kinds: [FeatureKind], extractor: FeatureExtractor) -> [NPZStreamWriter.Member] {
        let c = extractor.configuration
        return kinds.map { kind in
            let (rows, dtype): (Int, NPYArray.DType) =
                switch kind {
                case .stft: (extractor.stft.frequencyCount, .complex64)
                case .phase: (extractor.stft.frequencyCount, .float32)
                case .mfcc: (c.nMFCC, .float32)
                default: (c.nMels, .float32)
                }
            return NPZStreamWriter.Member(name: kind.rawValue, dtype: dtype, shape: [rows, frames])
        }
    }

    /// Computes the kinds of ``members(frames:kinds:extractor:)`` and writes them into `writer`:
    /// the STFT and phase block by block as they are computed, the mel kinds at the end from the
    /// whole mel spectrogram (its dB peak is global). `signal` is emptied once the STFT pass is
    /// done, so the decoded track and the mel kinds are never in memory together.
    static func stream(
        _ signal: inout [Float], kinds: [FeatureKind], extractor: FeatureExtractor, into writer: NPZStreamWriter
    ) throws {
        let frames = extractor.stft.frameCount(signalLength: signal.count), bands = extractor.melFilterbank.nMels
        let member = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let needsMel = kinds.contains { [.mel, .logMel, .mfcc].contains($0) }
        var mel = [Float](repeating: 0, count: needsMel ? bands * frames : 0)
        try extractor.forEachBlock(of: signal, blockFrames: blockFrames) { columns, stft, melBlock in
            for (kind, array) in [(FeatureKind.stft, { npy(stft) }), (.phase, { npy(stft.phase()) })] {
                guard let index = member[kind] else { continue }
                let block = array()
                try requireFinite(block, kind)
                try block.payload.withUnsafeBytes { try writer.write(index, columns: columns, bytes: $0) }
            }
            for band in 0..<(needsMel ? bands : 0) {
                mel.replaceSubrange(
                    band * frames + columns.lowerBound..<band * frames + columns.upperBound,
                    with: melBlock.values[band * columns.count..<(band + 1) * columns.count])
            }
        }
        signal = []
        let whole = Spectrogram(rowCount: bands, frameCount: frames, values: mel)
        for kind in kinds {
            guard let index = member[kind], let array = try fromMel(kind, whole, extractor: extractor) else { continue }
            try requireFinite(array, kind)
            try writer.write(index, array: array)
        }
    }

    private static func npy(_ s: Spectrogram) -> NPYArray {
        NPYArray(shape: [s.rowCount, s.frameCount], float32: s.values)
    }

    private static func npy(_ s: ComplexSpectrogram) -> NPYArray {
        NPYArray(shape: [s.frequencyCount, s.frameCount], complex64Interleaved: s.interleaved)
    }
}
