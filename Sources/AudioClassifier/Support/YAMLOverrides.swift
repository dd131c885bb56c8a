import Foundation
import Yams

extension OverrideSet {
    /// Reads the options a YAML mapping sets (keys as in ``fields``). An unreadable file or an
    /// unknown key is a ``DatasetError`` naming the file (and the key); a value of the wrong kind is
    /// a ``ConfigurationError`` naming the key and quoting the value.
    public init(yamlFile url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError("\(url.path): cannot read: \(error.localizedDescription)")
        }
        let mapping: Node.Mapping?
        do { mapping = try Yams.compose(yaml: text)?.mapping } catch { throw DatasetError("\(url.path): \(error)") }
        let known = Set(Self.fields.map(\.key))
        if let unknown = mapping?.keys.compactMap(\.string).first(where: { !known.contains($0) }) {
            throw DatasetError(
                "\(url.path): unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        do { self = try YAMLDecoder().decode(OverrideFile<Self>.self, from: text).value } catch let error
            as DecodingError
        {
            if let error = error.context?.underlyingError as? ConfigurationError { throw error }
            guard let key = error.context?.codingPath.first?.stringValue else {
                throw DatasetError("\(url.path): \(error)")
            }
            let value = mapping?[Node(key)].map { $0.string ?? "\($0)" } ?? ""
            throw ConfigurationError(key: key, value: value, reason: Self.expectation(error))
        }
    }

    /// What a decoding error expected, as a phrase: `expected Int`.
    private static func expectation(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _), .valueNotFound(let type, _): "expected \(type)"
        default: error.context?.debugDescription ?? "\(error)"
        }
    }
}
