/// Rows of text printed as aligned columns, two spaces apart: the first `textColumns` columns
/// left-aligned, the rest (numbers) right-aligned.
struct TextTable {
    let header: [String]
    let textColumns: Int
    private(set) var rows: [[String]] = []

    init(header: [String], textColumns: Int = 1) {
        self.header = header
        self.textColumns = textColumns
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    /// The table as lines, header first.
    var lines: [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return column < textColumns ? row[column] + padding : padding + row[column]
            }.joined(separator: "  ")
        }
    }
}
