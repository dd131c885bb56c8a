/// Why a configuration file (`--config FILE.yaml`) cannot be used; every case names the file.
public enum ConfigurationFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not YAML.
    case notYAML(path: String, reason: String)
    /// A key that names no option; `known` lists those that do.
    case unknownKey(path: String, key: String, known: [String])
    /// A value an option cannot take (wrong kind, or not one of its values).
    case invalidValue(path: String, ConfigurationError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .notYAML(let path, let reason): "\(path): \(reason)"
        case .unknownKey(let path, let key, let known):
            "\(path): unknown key '\(key)' (known: \(known.joined(separator: ", ")))"
        case .invalidValue(let path, let error): "\(error.key): \(error.value) in \(path): \(error.reason)"
        }
    }
}
