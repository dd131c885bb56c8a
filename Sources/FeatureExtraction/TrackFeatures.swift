import ClassifierSupport
import Spectral

/// Computes the requested features of one mono signal from a single STFT, as named
/// ``SpectralFeature``s.
package enum TrackFeatures {
    /// The STFT is computed once, when a kind first needs it, and a mel spectrogram in the same
    /// pass when a mel kind (or `logmel-coherence`, `pcen`, `pcen-coherence`) is requested too
    /// (``TrackStages``); mel, log-mel, MFCC and PCEN alone come from the signal a block of frames
    /// at a time, so their memory stays near the signal's own size however long it is.
    ///
    /// - Throws: ``SpectralError`` for a signal the configuration cannot analyse, or
    ///   ``FeatureError`` if any value came out non-finite (never written silently).
    package static func compute(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) throws -> [(
        name: String, feature: SpectralFeature
    )] {
        var stages = TrackStages(signal, kinds: kinds, extractor: extractor)
        return try kinds.map { kind in
            let feature = try stages.feature(kind)
            try requireFinite(feature, kind)
            return (kind.rawValue, feature)
        }
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
