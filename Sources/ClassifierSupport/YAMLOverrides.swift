import Foundation
import Yams

/// Reads a YAML mapping of option overrides into `T`, rejecting keys not in `knownKeys`; an
/// unreadable file, an unknown key or a wrong type is an error naming the file (and the key).
package func decodeYAMLOverrides<T: Decodable>(_ url: URL, knownKeys: [String]) throws(DatasetError) -> T {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
        throw DatasetError("\(url.path): cannot read: \(error.localizedDescription)")
    }
    do {
        let keys = try Yams.compose(yaml: text)?.mapping?.keys.compactMap(\.string) ?? []
        let known = Set(knownKeys)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw DatasetError(
                "\(url.path): unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        return try YAMLDecoder().decode(T.self, from: text)
    } catch let error as DatasetError {
        throw error
    } catch {
        throw DatasetError("\(url.path): \(error)")
    }
}
