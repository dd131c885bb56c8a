import ArgumentParser
import ClassifierSupport
import Foundation
import Spectral

/// The options of `extract features`: the features to write and the spectral settings, `nil`
/// leaving a setting at librosa's default. Configuration-file keys are the flags in snake case
/// (`features: [stft, mel]`, `dtype: float16`, `sr: 22050`, `n_fft`, `hop`, `win_length`, `window`, `center`,
/// `n_mels`, `fmin`, `fmax`, `htk`, `norm`, `n_mfcc`, `lifter`, `top_db`).
public struct ExtractionOverrides: OverrideSet, Sendable {
    @Option(
        help: ArgumentHelp(
            "Comma-separated features: \(FeatureKind.allCases.map(\.rawValue).joined(separator: ",")). (default: \(ExtractionSettings().features.map(\.rawValue).joined(separator: ",")))"
        ),
        transform: { $0.split(separator: ",").map(String.init) })
    public var features: [String]?

    @Option(
        help: ArgumentHelp(
            "Stored precision: float32, or float16 for half the bytes (11 significant bits; complex arrays as [rows, frames, 2] halves; mel power stays float32). (default: float32)"
        ))
    public var dtype: StoredPrecision?

    @OptionGroup public var spectral: SpectralOverrides

    public init() {}

    public static var fields: [OptionField<Self>] {
        [.init("features", \.features), .init("dtype", \.dtype)]
            + SpectralOverrides.fields.map { $0.lifted(\.spectral) }
    }

    /// `settings` with every option set here applied; an unknown feature name is an error
    /// naming the key `features`.
    public func applied(to settings: ExtractionSettings) throws(ConfigurationError) -> ExtractionSettings {
        var result = settings
        if let names = features { result.features = try FeatureKind.parseList(names.joined(separator: ",")) }
        result.spectral = spectral.applied(to: result.spectral)
        result.dtype = dtype ?? result.dtype
        return result
    }
}
