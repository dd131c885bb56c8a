import ClassifierSupport
import NumPyIO
import Spectral

/// Computes the requested features of one mono signal from a single STFT, as named NumPy arrays.
package enum TrackFeatures {
    /// The STFT is computed once, when a kind first needs it; mel, log-mel and MFCC requested
    /// before it (or alone) come from the signal a block of frames at a time, so their memory
    /// stays near the signal's own size however long it is.
    ///
    /// - Throws: ``SpectralError`` for a signal the configuration cannot analyse, or
    ///   ``FeatureError`` if any value came out non-finite (never written silently).
    package static func compute(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) throws -> [(
        name: String, array: NPYArray
    )] {
        let configuration = extractor.configuration
        var arrays: [(name: String, array: NPYArray)] = []
        var stft: ComplexSpectrogram? = nil
        func spectrogram() throws -> ComplexSpectrogram {
            if let stft { return stft }
            stft = try extractor.stft(signal)
            return stft!
        }
        var mel: Spectrogram? = nil
        func melPower() throws -> Spectrogram {
            if let mel { return mel }
            mel = try stft.map { try extractor.melSpectrogram(from: $0) } ?? extractor.melSpectrogram(signal)
            return mel!
        }
        for kind in kinds {
            let array: NPYArray
            switch kind {
            case .stft: array = npy(try spectrogram())
            case .mel: array = npy(try melPower())
            case .logMel: array = npy(try melPower().powerToDB(topDB: configuration.topDB.map(Float.init)))
            case .mfcc: array = npy(try extractor.mfcc(fromMel: melPower()))
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
            guard array.isFinite else { throw FeatureError.nonFinite(feature: kind.rawValue) }
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
