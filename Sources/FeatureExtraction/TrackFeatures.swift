import ClassifierSupport
import Spectral

/// Computes the requested features of one mono signal from a single STFT, as named
/// ``SpectralFeature``s.
package enum TrackFeatures {
    /// The STFT is computed once, when a kind first needs it, and the mel power spectrogram in
    /// the same pass when a mel kind (or `logmel-coherence`) is requested too; mel, log-mel and
    /// MFCC alone come from the signal a block of frames at a time, so their memory stays near
    /// the signal's own size however long it is.
    ///
    /// - Throws: ``SpectralError`` for a signal the configuration cannot analyse, or
    ///   ``FeatureError`` if any value came out non-finite (never written silently).
    package static func compute(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) throws -> [(
        name: String, feature: SpectralFeature
    )] {
        let configuration = extractor.configuration
        var features: [(name: String, feature: SpectralFeature)] = []
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
            let feature: SpectralFeature
            switch kind {
            case .stft: feature = .complex(try spectrogram())
            case .mel, .logMel, .mfcc: feature = try fromMel(kind, try melPower(), extractor: extractor)!
            case .phase: feature = .real(try spectrogram().phase())
            case .instantaneousFrequency:
                feature = .real(
                    try spectrogram().instantaneousFrequency(
                        sampleRate: Double(configuration.sampleRate), hopLength: configuration.hopLength,
                        nFFT: configuration.nFFT))
            case .groupDelay: feature = .real(try spectrogram().groupDelay(nFFT: configuration.nFFT))
            case .complexLogMel: feature = .complex(try extractor.complexLogMel(from: spectrogram()))
            case .phaseMFCC: feature = .complex(try extractor.phaseMFCC(from: spectrogram()))
            case .phaseCoupling: feature = .complex(try extractor.phaseCouplingLogMel(from: spectrogram()))
            case .ifLogMel: feature = .complex(try extractor.phaseAdvanceLogMel(from: spectrogram()))
            case .logMelCoherence:
                let logMel = try melPower().powerToDB(topDB: configuration.topDB.map(Float.init))
                let coherence = try extractor.phaseCoherence(from: spectrogram())
                feature = .real(
                    Spectrogram(
                        rowCount: 2 * logMel.rowCount, frameCount: logMel.frameCount,
                        values: logMel.values + coherence.values))
            }
            try requireFinite(feature, kind)
            features.append((kind.rawValue, feature))
        }
        return features
    }

    /// The feature of a kind made from the mel power spectrogram alone, or `nil` for other kinds.
    static func fromMel(_ kind: FeatureKind, _ mel: Spectrogram, extractor: FeatureExtractor) throws
        -> SpectralFeature?
    {
        switch kind {
        case .mel: .real(mel)
        case .logMel: .real(try mel.powerToDB(topDB: extractor.configuration.topDB.map(Float.init)))
        case .mfcc: .real(try extractor.mfcc(fromMel: mel))
        default: nil
        }
    }

    /// Non-finite values are never written silently.
    static func requireFinite(_ feature: SpectralFeature, _ kind: FeatureKind) throws(FeatureError) {
        guard feature.isFinite else { throw FeatureError.nonFinite(feature: kind.rawValue) }
    }
}
