import Foundation

/// The JSON text of a safetensors header, written directly so that writing cannot fail: no
/// whitespace, and byte for byte what Foundation's `JSONSerialization` writes with `.sortedKeys`
/// (which audiocls used before, so a model's file is what it always was) — keys in the order of
/// `String.compare` with `.numeric`, `.caseInsensitive`, `.forcedOrdering` in the system locale
/// (`block2` before `block10`), strings escaped as JSON requires and `/` as `\/`.
enum SafeTensorsHeader {
    /// `{"__metadata__": {…}, "name": {"data_offsets": [begin, end], "dtype": …, "shape": […]}, …}`
    /// with each tensor's bytes at `offsets[name]` of the data buffer; no `__metadata__` when empty.
    static func json(
        _ tensors: [String: SafeTensorsFile.Entry], offsets: [String: Range<Int>], metadata: [String: String]
    ) -> [UInt8] {
        var members: [String: String] = [:]
        if !metadata.isEmpty { members["__metadata__"] = object(metadata.mapValues(quoted)) }
        for (name, entry) in tensors {
            let range = offsets[name]!
            members[name] = object([
                "dtype": quoted(entry.dtype.rawValue), "shape": array(entry.shape),
                "data_offsets": array([range.lowerBound, range.upperBound]),
            ])
        }
        return Array(object(members).utf8)
    }

    /// An object of members whose values are JSON text already.
    private static func object(_ members: [String: String]) -> String {
        let keys = members.keys.sorted { a, b in
            a.compare(
                b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                locale: NSLocale.system as Locale) == .orderedAscending
        }
        return "{" + keys.map { quoted($0) + ":" + members[$0]! }.joined(separator: ",") + "}"
    }

    private static func array(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON string: `"` and `\` escaped, `/` as `\/`, control characters as `\n`-style or
    /// `\u00XX` escapes, everything else as it is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
