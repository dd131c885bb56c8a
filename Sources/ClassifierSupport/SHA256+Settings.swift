import Foundation

extension SHA256 {
    /// SHA-256 (hex) of a settings value as ``JSONEncoder/sortedKeys`` writes it (sorted keys, no
    /// whitespace), with NaN and ±∞ written as the strings `"nan"`, `"inf"` and `"-inf"`.
    ///
    /// Never fails for values made of numbers, strings, Booleans, optionals, arrays and structs or
    /// enums of them (every settings type here): a non-finite number, the one such value
    /// `JSONEncoder` refuses, is spelled out. A type whose own `encode(to:)` throws breaks this
    /// precondition.
    public static func hex(ofSettings value: some Encodable) -> String {
        let encoder = JSONEncoder.sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return hex(try encoder.encode(value)) } catch {
            preconditionFailure("\(type(of: value)) cannot be encoded: \(error)")
        }
    }
}
