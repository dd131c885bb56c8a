/// One CSV record (RFC 4180): the fields joined by commas, a field quoted — its quotes doubled —
/// when it holds a comma, a quote or a line break.
public func csvLine(_ fields: [String]) -> String {
    fields.map { text in
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }.joined(separator: ",")
}
