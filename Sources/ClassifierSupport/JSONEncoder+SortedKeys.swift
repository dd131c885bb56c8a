import Foundation

extension JSONEncoder {
    /// An encoder with sorted keys and no escaped slashes: stable bytes for hashing and diffs.
    public static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
