import ClassifierSupport
import Foundation

/// The arrays `audiocls extract features` can write, each named in the `.npz` by its raw value.
/// Shapes are `[rows, frames]`; complex arrays are NumPy `<c8` (with `--dtype float16`, `<f2`
/// `[rows, frames, 2]`: ``StoredPrecision``).
public enum FeatureKind: String, CaseIterable, Codable, Sendable, Comparable {
    /// Complex STFT, `[1 + nFFT/2, frames]` (librosa.stft).
    case stft
    /// Mel power spectrogram, `[nMels, frames]` (librosa.feature.melspectrogram).
    case mel
    /// `power_to_db` of the mel spectrogram, `[nMels, frames]`, dB.
    case logMel = "logmel"
    /// MFCC, `[nMFCC, frames]` (librosa.feature.mfcc).
    case mfcc
    /// Wrapped STFT phase `angle(stft)` in radians, `[1 + nFFT/2, frames]`.
    case phase
    /// Instantaneous frequency in Hz, `[1 + nFFT/2, frames]`.
    case instantaneousFrequency = "if"
    /// Group delay in samples, `[1 + nFFT/2, frames]`.
    case groupDelay = "gd"
    /// Workflow 1 of the paper: complex log-mel (mel filters on the complex STFT, log magnitude,
    /// phase kept), `[nMels, frames]`, complex.
    case complexLogMel = "complex-logmel"
    /// Workflow 2 of the paper: `MFCC · exp(i·DCT(mel · angle(STFT)))`, `[nMFCC, frames]`, complex.
    case phaseMFCC = "phase-mfcc"
    /// Quadratic phase coupling X(2k)·conj(X(k))² (bispectrum diagonal, magnitude in |X| units)
    /// pooled in `nMels` bands over 0…sr/4, log magnitude with the phase φ(2f) − 2φ(f) kept,
    /// `[nMels, frames]`, complex.
    case phaseCoupling = "phase-coupling"
    /// Log-mel magnitude `log(1 + A/ε)` (A the amplitude mel, ε 1e-4) with the phase of each band's
    /// frame-to-frame advance minus the band centre's (its instantaneous-frequency deviation),
    /// `[nMels, frames]`, complex.
    case ifLogMel = "if-logmel"
    /// The log-mel rows (dB) followed by each band's phase coherence in [0, 1] (how alike its bins
    /// advance in phase from frame to frame), `[2·nMels, frames]`, real.
    case logMelCoherence = "logmel-coherence"
    /// Per-channel energy normalisation of the amplitude mel, librosa's
    /// `pcen(melspectrogram(y, power=1) * 2**31, sr=sr, hop_length=hop)` with its default gain 0.98,
    /// bias 2, power 0.5, time constant 0.4 s and ε 1e-6: an automatic gain control per band
    /// instead of a logarithm, `[nMels, frames]`, real, ≥ 0.
    case pcen
    /// The PCEN rows followed by each band's phase coherence in [0, 1] (as in `logmel-coherence`),
    /// `[2·nMels, frames]`, real.
    case pcenCoherence = "pcen-coherence"
    /// Frame-wise descriptors for statistics baselines, real, `[nMels + nMFCC + bands + 17,
    /// frames]`: the log-mel rows (dB), the MFCC, then from |X| librosa's spectral contrast (dB;
    /// `bands` = 7 at 22050 Hz, ``SpectralContrast``), chroma of |X|² at A = 440 Hz (12 rows,
    /// ``Chroma``), and centroid, bandwidth, roll-off (Hz), flatness and RMS
    /// (``Spectral/Spectrogram/spectralShape(sampleRate:nFFT:)``).
    case descriptors
    /// The `descriptors` rows followed by each mel band's phase coherence in [0, 1] (as in
    /// `logmel-coherence`), `[2·nMels + nMFCC + bands + 17, frames]`, real.
    case descriptorsCoherence = "descriptors-coherence"

    public static func < (a: FeatureKind, b: FeatureKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a comma-separated list such as `stft,mel,mfcc`, quoting an unknown name.
    public static func parseList(_ text: String) throws(ConfigurationError) -> [FeatureKind] {
        var kinds: Set<FeatureKind> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let kind = FeatureKind(rawValue: name) else {
                throw ConfigurationError(
                    key: "features", value: name,
                    reason: "unknown feature (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { throw ConfigurationError(key: "features", value: text, reason: "names no feature") }
        return kinds.sorted()
    }
}
