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
    /// What is wrong, e.g. `must be positive`, naming other settings by key.
    public var reason: String { reason(naming: { $0 }) }
    /// ``reason`` with each other setting it names written `{key}`.
    private let template: String

    /// `reason` may name other settings as `{key}` (`use {features} phase-mfcc`; a snake-case key
    /// between braces, anything else stays as written), so that
    /// ``reason(naming:)`` can spell them as the caller does.
    public init(key: String, value: String, reason: String) {
        (self.key, self.value, self.template) = (key, value, reason)
    }

    /// What is wrong, with each other setting named by `name` (the command line: its flag).
    public func reason(naming name: (String) -> String) -> String {
        var result = "", rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let key = rest[rest.index(after: open)..<close]
            let isKey = !key.isEmpty && key.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
            result += rest[..<open] + (isKey ? name(String(key)) : String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
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

/// An error whose message names settings by their keys (`shard_count`, `lr`). ``description``
/// spells them as keys; the command line spells them as the flags the user typed
/// (`message(naming:)` with `--shard-count`).
public protocol SettingNamingError: Error, CustomStringConvertible {
    /// The message with each setting's key spelt by `name`.
    func message(naming name: (String) -> String) -> String
}

extension SettingNamingError {
    /// The message naming settings by key.
    public var description: String { message(naming: { $0 }) }
}
