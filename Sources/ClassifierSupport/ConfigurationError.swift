import Foundation
import Spectral

/// A setting with a value it cannot have, named by its key as in a YAML configuration file
/// (snake case: `hop`, `n_fft`, `epochs`) — librosa's `ParameterError` style. Only the command
/// line knows how the user spelt the setting (`--hop`); it maps ``key`` to the flag.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The setting's key in snake case, e.g. `hop`.
    public let key: String
    /// The value as given, e.g. `0`.
    public let value: String
    /// What is wrong, e.g. `must be a positive integer`.
    public let reason: String

    public init(key: String, value: String, reason: String) {
        (self.key, self.value, self.reason) = (key, value, reason)
    }

    /// `hop=0: must be a positive integer`.
    public var description: String { "\(key)=\(value): \(reason)" }

    /// Throws unless `value > 0`.
    package static func requirePositive<T: Numeric & Comparable>(_ value: T, key: String) throws(ConfigurationError) {
        guard value > 0 else { throw ConfigurationError(key: key, value: "\(value)", reason: "must be positive") }
    }

    /// The keys of ``Spectral/FeatureConfiguration``'s parameters, by the names its messages use.
    package static let spectralKeys = [
        "sampleRate": "sr", "nFFT": "n_fft", "hopLength": "hop", "winLength": "win_length", "nMels": "n_mels",
        "fmin": "fmin", "fmax": "fmax", "nMFCC": "n_mfcc", "lifter": "lifter", "topDB": "top_db",
    ]

    /// A spectral parameter error (`hopLength=0 must be a positive integer`) under the setting's
    /// key (`hop`); a message that names no known parameter keeps the key `features`.
    package init(_ error: SpectralError) {
        let message = error.description
        let name = message.prefix { $0 != "=" }.split(separator: " ").last.map(String.init) ?? ""
        guard let key = Self.spectralKeys[name], message.contains("=") else {
            self.init(key: "features", value: "", reason: message)
            return
        }
        let rest = message.drop { $0 != "=" }.dropFirst()
        let value = rest.prefix { $0 != " " }
        var reason = String(rest.dropFirst(value.count).drop { $0 == " " })
        for (other, otherKey) in Self.spectralKeys { reason = reason.replacingOccurrences(of: other, with: otherKey) }
        self.init(key: key, value: String(value), reason: reason)
    }
}
