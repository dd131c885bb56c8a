import Foundation

/// Splits CSV text into records of fields (RFC 4180: comma separated, fields may be quoted with
/// `"`, a doubled `""` inside quotes is a quote, quoted fields may hold commas and newlines).
/// Each record carries the 1-based line number it starts on.
enum CSVParser {
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    enum Failure: Error, Equatable {
        case unterminatedQuote(line: Int)
    }

    static func parse(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var lookahead: Unicode.Scalar? = iterator.next()

        func endRecord() {
            fields.append(field)
            field = ""
            let blank = fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let c = lookahead {
            lookahead = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if lookahead == "\"" {
                        field.unicodeScalars.append("\""); lookahead = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\r": if lookahead != "\n" { endRecord(); line += 1; recordLine = line }
            case "\n": endRecord(); line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
