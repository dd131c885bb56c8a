import Foundation

/// Splits a command line into words the way a POSIX shell does, without expanding anything:
/// blanks separate words; `'…'` keeps everything literally; `"…"` keeps everything but `\"`,
/// `\\`, `\$` and `` \` `` (a backslash before anything else stays); outside quotes a backslash
/// keeps the next character. `--title 'two words'` gives `["--title", "two words"]`.
public enum ShellWords {
    /// Why a line cannot be split.
    public struct Unterminated: Error, CustomStringConvertible, Equatable {
        /// The quote (`'` or `"`) or `\` left open.
        public let character: Character
        public var description: String {
            character == "\\" ? "a backslash ends the line" : "a \(character) quote is not closed"
        }
    }

    public static func split(_ line: String) throws(Unterminated) -> [String] {
        var words: [String] = [], word = "", inWord = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word) }
                (word, inWord) = ("", false)
            case "'":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw Unterminated(character: "'") }
                    if next == "'" { break }
                    word.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw Unterminated(character: "\"") }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = characters.next() else { throw Unterminated(character: "\"") }
                        if !"\"\\$`".contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                guard let escaped = characters.next() else { throw Unterminated(character: "\\") }
                inWord = true
                word.append(escaped)
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// `words` as one line that ``split(_:)`` turns back into them: a word with anything but
    /// letters, digits and `_./,:=@%+-` is single-quoted.
    public static func join(_ words: [String]) -> String {
        words.map { word in
            let plain =
                !word.isEmpty
                && word.unicodeScalars.allSatisfy {
                    ($0.isASCII && $0.properties.isAlphabetic) || "0123456789_./,:=@%+-".unicodeScalars.contains($0)
                }
            return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
