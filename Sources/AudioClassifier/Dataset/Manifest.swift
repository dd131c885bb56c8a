import Foundation

/// A CSV manifest `path,label[,split]`: one audio file per row, an optional header row whose first
/// field is `path`. Relative paths resolve against the manifest's folder; absolute paths are used
/// as they are.
public enum Manifest {
    /// Reads a manifest, reporting every problem at once with its line number: missing columns,
    /// empty labels, unknown split names, duplicate paths and missing files.
    public static func read(_ url: URL) throws(DatasetError) -> [DatasetItem] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError("\(url.path): cannot read manifest: \(error.localizedDescription)")
        }
        return try parse(text, manifestPath: url.standardizedFileURL.path)
    }

    /// Parses manifest text; `manifestPath` locates relative paths and names the file in messages.
    public static func parse(_ text: String, manifestPath: String) throws(DatasetError) -> [DatasetItem] {
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch {
            guard case .unterminatedQuote(let line) = error else { fatalError("unreachable") }
            throw DatasetError("\(manifestPath):\(line): unterminated quoted field")
        }
        let folder = URL(fileURLWithPath: manifestPath).deletingLastPathComponent()
        var rows = records[...]
        if let first = rows.first, first.fields.first?.trimmingCharacters(in: .whitespaces).lowercased() == "path" {
            rows = rows.dropFirst()
        }
        var items: [DatasetItem] = []
        var problems: [String] = []
        var firstLineOfPath: [String: Int] = [:]
        for record in rows {
            let where_ = "\(manifestPath):\(record.line)"
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, fields.count <= 3 else {
                problems.append("\(where_): expected path,label[,split], found \(fields.count) column(s)")
                continue
            }
            guard !fields[0].isEmpty else { problems.append("\(where_): empty path"); continue }
            guard !fields[1].isEmpty else { problems.append("\(where_): empty label for \(fields[0])"); continue }
            var split: DatasetSplit? = nil
            if fields.count == 3, !fields[2].isEmpty {
                guard let parsed = DatasetSplit(manifestName: fields[2]) else {
                    problems.append("\(where_): unknown split '\(fields[2])' (use train, val or test)")
                    continue
                }
                split = parsed
            }
            let url =
                fields[0].hasPrefix("/") ? URL(fileURLWithPath: fields[0]) : folder.appendingPathComponent(fields[0])
            let path = url.standardizedFileURL.path
            if let earlier = firstLineOfPath[path] {
                problems.append("\(where_): duplicate path \(fields[0]) (first on line \(earlier))")
                continue
            }
            firstLineOfPath[path] = record.line
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append("\(where_): file not found: \(fields[0])")
                continue
            }
            items.append(DatasetItem(path: path, label: fields[1], split: split, relativePath: fields[0]))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return items
    }
}
