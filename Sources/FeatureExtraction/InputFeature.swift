import Spectral

/// The feature a model reads, one array `[rows, frames]` per track from the feature store.
/// Real features enter a complex model with imaginary part 0.
public enum InputFeature: String, Codable, CaseIterable, Sendable {
    /// MFCC, real, `[nMFCC, frames]` (the paper's input).
    case mfcc
    /// Phase-MFCC, complex, `[nMFCC, frames]`.
    case phaseMFCC = "phase-mfcc"
    /// Log-mel (dB), real, `[nMels, frames]`.
    case logMel = "logmel"
    /// Complex log-mel, complex, `[nMels, frames]`.
    case complexLogMel = "complex-logmel"
    /// The complex STFT, `[1 + nFFT/2, frames]`.
    case stft
    /// Quadratic phase coupling in mel bands (log magnitude, phase φ(2f) − 2φ(f)), complex, `[nMels, frames]`.
    case phaseCoupling = "phase-coupling"
    /// Log-mel magnitude with each band's instantaneous-frequency deviation as phase, complex,
    /// `[nMels, frames]` (``FeatureExtractor/phaseAdvanceLogMel(from:epsilon:)``).
    case ifLogMel = "if-logmel"
    /// Log-mel (dB) rows, then each band's phase coherence in [0, 1], real, `[2·nMels, frames]`.
    case logMelCoherence = "logmel-coherence"
    /// PCEN of the amplitude mel (librosa's defaults, input scaled by 2³¹), real, `[nMels, frames]`
    /// (``FeatureExtractor/pcen(_:)``).
    case pcen
    /// PCEN rows, then each band's phase coherence in [0, 1], real, `[2·nMels, frames]`.
    case pcenCoherence = "pcen-coherence"
    /// Log-mel, MFCC, spectral contrast, chroma and five spectral-shape rows, real (``FeatureKind/descriptors``):
    /// the input of the statistics baseline (`linear`).
    case descriptors
    /// The `descriptors` rows, then each mel band's phase coherence in [0, 1], real
    /// (``FeatureKind/descriptorsCoherence``): `descriptors` with phase.
    case descriptorsCoherence = "descriptors-coherence"

    /// The feature-store array holding this input.
    public var kind: FeatureKind {
        switch self {
        case .mfcc: .mfcc
        case .phaseMFCC: .phaseMFCC
        case .logMel: .logMel
        case .complexLogMel: .complexLogMel
        case .stft: .stft
        case .phaseCoupling: .phaseCoupling
        case .ifLogMel: .ifLogMel
        case .logMelCoherence: .logMelCoherence
        case .pcen: .pcen
        case .pcenCoherence: .pcenCoherence
        case .descriptors: .descriptors
        case .descriptorsCoherence: .descriptorsCoherence
        }
    }

    /// Whether the array is complex.
    public var isComplex: Bool {
        ![.mfcc, .logMel, .logMelCoherence, .pcen, .pcenCoherence, .descriptors, .descriptorsCoherence].contains(self)
    }

    /// The spectral settings training uses for this input unless told otherwise: librosa's
    /// defaults except 13 mel bands and 13 MFCCs for `mfcc`/`phase-mfcc` (the paper's 13×126
    /// input), 40 mel bands for the other mel-band inputs (`logmel`, `complex-logmel`,
    /// `phase-coupling`, `if-logmel`, `logmel-coherence`, `pcen`, `pcen-coherence`), and `nFFT`
    /// 256 (129 bins) for `stft`, whose 1025 bins at librosa's 2048 would make the first linear
    /// layer ~80 M weights (with 40 mel bands there too, since 128 mel filters do not all fit 129
    /// bins and the settings are validated as a whole), and 64 mel bands with 20 MFCCs for
    /// `descriptors` and `descriptors-coherence` (the rich-statistics baseline's log-mel and MFCC
    /// sizes).
    public var defaultSpectral: FeatureConfiguration {
        var configuration = FeatureConfiguration()
        switch self {
        case .mfcc, .phaseMFCC:
            configuration.nMels = 13
            configuration.nMFCC = 13
        case .logMel, .complexLogMel, .phaseCoupling, .ifLogMel, .logMelCoherence, .pcen, .pcenCoherence:
            configuration.nMels = 40
        case .stft:
            configuration.nFFT = 256
            configuration.nMels = 40
        case .descriptors, .descriptorsCoherence:
            configuration.nMels = 64
            configuration.nMFCC = 20
        }
        return configuration
    }

    /// The rows holding levels in dB (log-mel), which a change of recording chain (an equaliser)
    /// moves by an offset per row; `nil` for features without such rows (MFCC mixes them, the
    /// complex features keep a log magnitude with a phase, PCEN divides each band by its own
    /// smoothed level and compresses with a root).
    public func decibelRows(_ configuration: FeatureConfiguration) -> Range<Int>? {
        switch self {
        case .logMel, .logMelCoherence, .descriptors, .descriptorsCoherence: 0..<configuration.nMels
        case .mfcc, .phaseMFCC, .complexLogMel, .stft, .phaseCoupling, .ifLogMel, .pcen, .pcenCoherence: nil
        }
    }

    /// Rows of the array under `configuration`.
    public func rows(_ configuration: FeatureConfiguration) -> Int {
        switch self {
        case .mfcc, .phaseMFCC: configuration.nMFCC
        case .logMel, .complexLogMel, .phaseCoupling, .ifLogMel, .pcen: configuration.nMels
        case .logMelCoherence, .pcenCoherence: 2 * configuration.nMels
        case .stft: configuration.nFFT / 2 + 1
        case .descriptors:
            configuration.nMels + configuration.nMFCC
                + SpectralContrast.bandCount(sampleRate: Double(configuration.sampleRate)) + Chroma.classes + 5
        case .descriptorsCoherence: InputFeature.descriptors.rows(configuration) + configuration.nMels
        }
    }
}
