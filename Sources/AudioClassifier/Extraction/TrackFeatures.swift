import NumPyIO
import Spectral

/// Computes the requested features of one mono signal from a single STFT, as named NumPy arrays.
enum TrackFeatures {
    /// - Throws: ``SpectralError`` for a signal the configuration cannot analyse, or
    ///   ``DatasetError`` if any value came out non-finite (never written silently).
    static func compute(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) throws -> [(
        name: String, array: NPYArray
    )] {
        let configuration = extractor.configuration
        let stft = try extractor.stft(signal)
        var arrays: [(name: String, array: NPYArray)] = []
        var mel: Spectrogram? = nil
        func melPower() throws -> Spectrogram {
            if let mel { return mel }
            mel = try extractor.melSpectrogram(from: stft)
            return mel!
        }
        for kind in kinds {
            let array: NPYArray
            switch kind {
            case .stft: array = npy(stft)
            case .mel: array = npy(try melPower())
            case .logMel: array = npy(try melPower().powerToDB(topDB: configuration.topDB.map(Float.init)))
            case .mfcc: array = npy(try extractor.mfcc(from: stft))
            case .phase: array = npy(stft.phase())
            case .instantaneousFrequency:
                array = npy(
                    try stft.instantaneousFrequency(
                        sampleRate: Double(configuration.sampleRate), hopLength: configuration.hopLength,
                        nFFT: configuration.nFFT))
            case .groupDelay: array = npy(try stft.groupDelay(nFFT: configuration.nFFT))
            case .complexLogMel: array = npy(try extractor.complexLogMel(from: stft))
            case .phaseMFCC: array = npy(try extractor.phaseMFCC(from: stft))
            case .phaseCoupling: array = npy(try extractor.phaseCouplingLogMel(from: stft))
            }
            guard array.isFinite else { throw DatasetError("feature '\(kind.rawValue)' has non-finite values") }
            arrays.append((kind.rawValue, array))
        }
        return arrays
    }

    private static func npy(_ s: Spectrogram) -> NPYArray {
        NPYArray(shape: [s.rowCount, s.frameCount], float32: s.values)
    }

    private static func npy(_ s: ComplexSpectrogram) -> NPYArray {
        NPYArray(shape: [s.frequencyCount, s.frameCount], complex64Interleaved: s.interleaved)
    }
}
