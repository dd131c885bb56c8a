import Spectral

/// What one track's features are made of — its STFT and its mel spectrograms of |X|² and |X| —
/// each computed once, when a feature first needs it, and the feature of each kind from them.
struct TrackStages {
    let signal: [Float]
    let extractor: FeatureExtractor
    /// The mel computed in the same pass as the STFT when the STFT is needed: |X|² (power 2) when a
    /// requested kind reads it, else |X| (power 1) when PCEN does, else none.
    private let fusedMelPower: Float?
    private var stft: ComplexSpectrogram? = nil
    private var mels: [Float: Spectrogram] = [:]

    init(_ signal: [Float], kinds: [FeatureKind], extractor: FeatureExtractor) {
        (self.signal, self.extractor) = (signal, extractor)
        let reads = { (readers: Set<FeatureKind>) in kinds.contains { readers.contains($0) } }
        fusedMelPower =
            reads([.mel, .logMel, .mfcc, .logMelCoherence, .descriptors, .descriptorsCoherence])
            ? 2 : reads([.pcen, .pcenCoherence]) ? 1 : nil
    }

    /// The feature of `kind`, unchecked (``TrackFeatures/compute(_:kinds:extractor:)`` checks it).
    mutating func feature(_ kind: FeatureKind) throws -> SpectralFeature {
        let configuration = extractor.configuration
        switch kind {
        case .stft: return .complex(try spectrogram())
        case .mel, .logMel, .mfcc: return try TrackFeatures.fromMel(kind, try mel(power: 2), extractor: extractor)!
        case .phase: return .real(try spectrogram().phase())
        case .instantaneousFrequency:
            return .real(
                try spectrogram().instantaneousFrequency(
                    sampleRate: Double(configuration.sampleRate), hopLength: configuration.hopLength,
                    nFFT: configuration.nFFT))
        case .groupDelay: return .real(try spectrogram().groupDelay(nFFT: configuration.nFFT))
        case .complexLogMel: return .complex(try extractor.complexLogMel(from: spectrogram()))
        case .phaseMFCC: return .complex(try extractor.phaseMFCC(from: spectrogram()))
        case .phaseCoupling: return .complex(try extractor.phaseCouplingLogMel(from: spectrogram()))
        case .ifLogMel: return .complex(try extractor.phaseAdvanceLogMel(from: spectrogram()))
        // The coherence kinds take the STFT first, so that their mel comes in the same pass.
        case .logMelCoherence:
            let coherence = try extractor.phaseCoherence(from: spectrogram())
            let logMel = try mel(power: 2).powerToDB(topDB: configuration.topDB.map(Float.init))
            return .real(logMel.stacked(above: coherence))
        case .pcen: return .real(extractor.energyNormalization(try mel(power: 1)))
        case .pcenCoherence:
            let coherence = try extractor.phaseCoherence(from: spectrogram())
            return .real(extractor.energyNormalization(try mel(power: 1)).stacked(above: coherence))
        case .descriptors: return .real(try descriptors())
        case .descriptorsCoherence:
            return .real(try descriptors().stacked(above: try extractor.phaseCoherence(from: spectrogram())))
        }
    }

    /// The rows of ``FeatureKind/descriptors``: log-mel, MFCC, then the |X| descriptors.
    private mutating func descriptors() throws -> Spectrogram {
        // The STFT first, so that its mel comes in the same pass.
        let descriptors = try extractor.spectralDescriptors(try spectrogram().magnitude())
        let power = try mel(power: 2)
        let logMel = try power.powerToDB(topDB: extractor.configuration.topDB.map(Float.init))
        return logMel.stacked(above: try extractor.mfcc(fromMel: power)).stacked(above: descriptors)
    }

    /// The STFT, with the mel of ``fusedMelPower`` in the same pass unless that mel is already known.
    private mutating func spectrogram() throws -> ComplexSpectrogram {
        if let stft { return stft }
        if let power = fusedMelPower, mels[power] == nil {
            let (spectrogram, mel) = try extractor.spectrogramAndMel(signal, power: power)
            (stft, mels[power]) = (spectrogram, mel)
        } else {
            stft = try extractor.stft(signal)
        }
        return stft!
    }

    /// The mel spectrogram of |X|^power: from the STFT when it is known, else from the signal a
    /// block of frames at a time (no full STFT held).
    private mutating func mel(power: Float) throws -> Spectrogram {
        if let mel = mels[power] { return mel }
        let mel =
            try stft.map { try extractor.melSpectrogram(from: $0, power: power) }
            ?? extractor.melSpectrogram(signal, power: power)
        mels[power] = mel
        return mel
    }
}

extension Spectrogram {
    /// These rows followed by `other`'s, `[rowCount + other.rowCount, frames]`.
    fileprivate func stacked(above other: Spectrogram) -> Spectrogram {
        precondition(frameCount == other.frameCount, "\(frameCount) frames above \(other.frameCount)")
        return Spectrogram(rowCount: rowCount + other.rowCount, frameCount: frameCount, values: values + other.values)
    }
}
