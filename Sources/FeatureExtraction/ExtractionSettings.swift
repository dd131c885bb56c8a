import ClassifierSupport
import Foundation
import Spectral

/// Everything that determines the content of a feature file: the feature list and the spectral
/// configuration (whose `sampleRate` is also the decoding rate; audio is downmixed to mono).
/// Its ``hash`` keys the feature store, so a changed setting recomputes.
public struct ExtractionSettings: Codable, Hashable, Sendable {
    /// Bumped when the meaning of a stored array changes.
    public static let formatVersion = 1

    public var features: [FeatureKind]
    public var spectral: FeatureConfiguration
    /// How the arrays are stored; `nil` is ``StoredPrecision/float32`` (and keeps the hash of
    /// settings made before the option existed).
    public var dtype: StoredPrecision?
    public var formatVersion: Int = Self.formatVersion

    /// ``dtype``, `float32` when unset.
    public var precision: StoredPrecision { dtype ?? .float32 }

    public init(features: [FeatureKind] = [.stft, .mel, .mfcc, .phase], spectral: FeatureConfiguration = .init()) {
        self.features = features.sorted()
        self.spectral = spectral
    }

    /// SHA-256 of the settings' canonical JSON (sorted keys), with equivalent spellings made one
    /// (`winLength` equal to `nFFT` is the same as none), so only a real change recomputes.
    public var hash: String {
        var canonical = self
        if canonical.spectral.winLength == canonical.spectral.nFFT { canonical.spectral.winLength = nil }
        if canonical.dtype == .float32 { canonical.dtype = nil }
        return SHA256.hex(ofSettings: canonical)
    }

    /// Checks every setting: at least one feature, and spectral parameters the extractor accepts.
    /// The error names the setting by its key (`hop`, `n_fft`, …).
    public func validate() throws(ConfigurationError) {
        guard !features.isEmpty else {
            throw ConfigurationError(key: "features", value: "", reason: "names no feature")
        }
        do { try spectral.validate() } catch let error as SpectralError { throw ConfigurationError(error) } catch {
            throw ConfigurationError(key: "features", value: "", reason: "\(error)")
        }
    }
}
