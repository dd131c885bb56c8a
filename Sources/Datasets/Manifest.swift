import ClassifierSupport
import Foundation

/// A CSV manifest: one audio file per row. With a header row whose first field is `path`, columns
/// are found by name — `path` and `label` required, `split` (`train`, `val`, `test`) and a group
/// column (default `group`; see ``DatasetItem/group``) optional, any other column ignored (e.g.
/// licence or source notes) unless named as the hold-out column (see ``DatasetItem/holdOut``).
/// Without a header the columns are `path,label[,split]`. Relative paths
/// resolve against the manifest's folder; absolute paths are used as they are.
public enum Manifest {
    /// Reads a manifest, reporting every problem at once with its line number: missing columns,
    /// empty labels, unknown split names, duplicate paths and missing files. `groupColumn` names
    /// the column that gives each track's group (`nil`: `group` when the header has it),
    /// `holdOutColumn` the one that gives ``DatasetItem/holdOut`` (`nil`: none).
    public static func read(_ url: URL, groupColumn: String? = nil, holdOutColumn: String? = nil) throws(DatasetError)
        -> [DatasetItem]
    {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError("\(url.path): cannot read manifest: \(error.localizedDescription)")
        }
        return try parse(
            text, manifestPath: url.standardizedFileURL.path, groupColumn: groupColumn, holdOutColumn: holdOutColumn)
    }

    /// Parses manifest text; `manifestPath` locates relative paths and names the file in messages.
    public static func parse(
        _ text: String, manifestPath: String, groupColumn: String? = nil, holdOutColumn: String? = nil
    ) throws(DatasetError) -> [DatasetItem] {
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch {
            guard case .unterminatedQuote(let line) = error else { fatalError("unreachable") }
            throw DatasetError("\(manifestPath):\(line): unterminated quoted field")
        }
        let folder = URL(fileURLWithPath: manifestPath).deletingLastPathComponent()
        let (columns, rows) = try Columns.of(
            records, manifestPath: manifestPath, groupColumn: groupColumn, holdOutColumn: holdOutColumn)
        var items: [DatasetItem] = []
        var problems: [String] = []
        var firstLineOfPath: [String: Int] = [:]
        for record in rows {
            let location = "\(manifestPath):\(record.line)"
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.accepts(fieldCount: fields.count) else {
                problems.append("\(location): expected \(columns.expected), found \(fields.count) column(s)")
                continue
            }
            let (path, label) = (fields[columns.path], fields[columns.label])
            guard !path.isEmpty else { problems.append("\(location): empty path"); continue }
            guard !label.isEmpty else { problems.append("\(location): empty label for \(path)"); continue }
            var split: DatasetSplit? = nil
            if let index = columns.split, index < fields.count, !fields[index].isEmpty {
                guard let parsed = DatasetSplit(manifestName: fields[index]) else {
                    problems.append("\(location): unknown split '\(fields[index])' (use train, val or test)")
                    continue
                }
                split = parsed
            }
            func field(_ index: Int?) -> String? {
                index.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil }
            }
            let (group, holdOut) = (field(columns.group), field(columns.holdOut))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            let absolute = url.standardizedFileURL.path
            if let earlier = firstLineOfPath[absolute] {
                problems.append("\(location): duplicate path \(path) (first on line \(earlier))")
                continue
            }
            firstLineOfPath[absolute] = record.line
            guard FileManager.default.fileExists(atPath: absolute) else {
                problems.append("\(location): file not found: \(path)")
                continue
            }
            items.append(
                DatasetItem(
                    path: absolute, label: label, split: split, group: group, holdOut: holdOut, relativePath: path))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return items
    }

    /// The options that name a column and were given, as (option key, column): what needs a
    /// manifest with a header.
    public static func columnOptions(groupColumn: String?, holdOutColumn: String?) -> [(key: String, column: String)] {
        [("group_by", groupColumn), ("hold_out_by", holdOutColumn)].compactMap { key, column in
            column.map { (key, $0) }
        }
    }

    /// Where each known column is: from a header row, or the positional `path,label[,split]`.
    private struct Columns {
        var path = 0, label = 1
        var split: Int? = 2, group: Int? = nil, holdOut: Int? = nil
        /// The header's column names; `nil` without a header (rows then have 2 or 3 fields).
        var header: [String]? = nil

        init() {}

        /// The columns of `records` (from the header row when there is one) and the data rows.
        static func of(
            _ records: [CSVParser.Record], manifestPath: String, groupColumn: String?, holdOutColumn: String?
        ) throws(DatasetError) -> (Columns, ArraySlice<CSVParser.Record>) {
            if let first = records.first, first.fields.first.map(name) == "path" {
                let columns = try Columns(
                    header: first.fields, groupColumn: groupColumn, holdOutColumn: holdOutColumn,
                    at: "\(manifestPath):\(first.line)")
                return (columns, records.dropFirst())
            }
            if let (key, column) = columnOptions(groupColumn: groupColumn, holdOutColumn: holdOutColumn).first {
                throw DatasetError(
                    "\(manifestPath): \(key) '\(column)' needs a header row naming the columns (path,label,…)")
            }
            return (Columns(), records[...])
        }

        init(header: [String], groupColumn: String?, holdOutColumn: String?, at location: String) throws(DatasetError) {
            let names = header.map(Self.name)
            func index(_ name: String) -> Int? { names.firstIndex(of: name) }
            func required(_ key: String, _ column: String) throws(DatasetError) -> Int {
                guard let found = index(Self.name(column)) else {
                    throw DatasetError(
                        "\(location): \(key) '\(column)' is not a column (columns: \(names.joined(separator: ",")))")
                }
                return found
            }
            guard let label = index("label") else {
                throw DatasetError(
                    "\(location): the header has no 'label' column (columns: \(names.joined(separator: ",")); a manifest needs path,label)"
                )
            }
            (path, self.label, split, self.header) = (0, label, index("split"), names)
            group =
                try groupColumn.map { column throws(DatasetError) in try required("group_by", column) }
                ?? index("group")
            holdOut = try holdOutColumn.map { column throws(DatasetError) in try required("hold_out_by", column) }
        }

        static func name(_ field: String) -> String { field.trimmingCharacters(in: .whitespaces).lowercased() }

        /// A row may leave out trailing columns after `path` and `label`, never add any.
        func accepts(fieldCount: Int) -> Bool {
            guard let header else { return (2...3).contains(fieldCount) }
            return fieldCount > max(path, label) && fieldCount <= header.count
        }

        var expected: String {
            header.map { "the header's columns \($0.joined(separator: ","))" } ?? "path,label[,split]"
        }
    }
}
