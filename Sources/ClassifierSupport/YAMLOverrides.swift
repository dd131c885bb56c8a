import Foundation
import Yams

extension OverrideSet {
    /// Reads the options a YAML mapping sets (keys as in ``fields``); every problem names the
    /// file, and a bad value also the key and the value.
    public init(yamlFile url: URL) throws(ConfigurationFileError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let mapping: Node.Mapping?
        do { mapping = try Yams.compose(yaml: text)?.mapping } catch {
            throw .notYAML(path: url.path, reason: "\(error)")
        }
        let known = Set(Self.fields.map(\.key))
        if let unknown = mapping?.keys.compactMap(\.string).first(where: { !known.contains($0) }) {
            throw .unknownKey(path: url.path, key: unknown, known: known.sorted())
        }
        do { self = try YAMLDecoder().decode(OverrideFile<Self>.self, from: text).value } catch {
            throw .invalidValue(path: url.path, Self.configurationError(error, mapping: mapping))
        }
    }

    /// A decoding error as the setting it concerns: its key, the value as written, what was
    /// expected.
    private static func configurationError(_ error: any Error, mapping: Node.Mapping?) -> ConfigurationError {
        let decoding = error as? DecodingError
        if let error = decoding?.context?.underlyingError as? ConfigurationError { return error }
        let key = decoding?.context?.codingPath.first?.stringValue ?? ""
        let value = mapping?[Node(key)].map { $0.string ?? "\($0)" } ?? ""
        let reason =
            switch decoding {
            case .typeMismatch(let type, _)?, .valueNotFound(let type, _)?: "expected \(type)"
            default: decoding?.context?.debugDescription ?? "\(error)"
            }
        return ConfigurationError(key: key, value: value, reason: reason)
    }
}

extension DecodingError {
    /// The context of any case (configuration files and pipelines place their errors with it).
    package var context: Context? {
        switch self {
        case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): c
        @unknown default: nil
        }
    }
}
