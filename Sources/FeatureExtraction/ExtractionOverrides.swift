import ClassifierSupport
import Foundation
import Spectral

/// Changes to ``ExtractionSettings`` from a `--config FILE.yaml` or from command-line options;
/// `nil` leaves a setting as it is. YAML keys are the option names in snake case
/// (`features: [stft, mel]`, `sr: 22050`, `n_fft`, `hop`, `win_length`, `window`, `center`,
/// `n_mels`, `fmin`, `fmax`, `htk`, `norm`, `n_mfcc`, `lifter`, `top_db`).
public struct ExtractionOverrides: Codable, Sendable {
    public var features: [String]?
    public var sr: Int?
    public var n_fft: Int?
    public var hop: Int?
    public var win_length: Int?
    public var window: String?
    public var center: Bool?
    public var n_mels: Int?
    public var fmin: Double?
    public var fmax: Double?
    public var htk: Bool?
    public var norm: String?
    public var n_mfcc: Int?
    public var lifter: Double?
    public var top_db: Double?

    public init() {}

    /// Reads a YAML file; an unknown key, a wrong type or unreadable file is an error naming the
    /// file and the key.
    public init(yamlFile url: URL) throws(DatasetError) {
        self = try decodeYAMLOverrides(url, knownKeys: CodingKeys.allNames)
    }

    /// `settings` with every non-nil value applied.
    public func applied(to settings: ExtractionSettings) throws(ConfigurationError) -> ExtractionSettings {
        var result = settings
        if let names = features { result.features = try FeatureKind.parseList(names.joined(separator: ",")) }
        var s = result.spectral
        if let v = sr { s.sampleRate = v }
        if let v = n_fft { s.nFFT = v }
        if let v = hop { s.hopLength = v }
        if let v = win_length { s.winLength = v }
        if let v = window { s.window = try Self.parse(v, key: "window") }
        if let v = center { s.center = v }
        if let v = n_mels { s.nMels = v }
        if let v = fmin { s.fmin = v }
        if let v = fmax { s.fmax = v }
        if let v = htk { s.htk = v }
        if let v = norm { s.norm = try Self.parse(v, key: "norm") }
        if let v = n_mfcc { s.nMFCC = v }
        if let v = lifter { s.lifter = v }
        if let v = top_db { s.topDB = v }
        result.spectral = s
        return result
    }

    /// The case of `T` named `value`, or an error listing the valid names.
    private static func parse<T: RawRepresentable & CaseIterable>(_ value: String, key: String)
        throws(ConfigurationError)
        -> T
    where T.RawValue == String {
        guard let parsed = T(rawValue: value) else {
            throw ConfigurationError(
                key: key, value: value, reason: "is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case features, sr, n_fft, hop, win_length, window, center, n_mels, fmin, fmax, htk, norm, n_mfcc, lifter, top_db
        static var allNames: [String] { allCases.map(\.rawValue) }
    }
}
