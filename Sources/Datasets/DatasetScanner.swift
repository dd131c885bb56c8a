import ClassifierSupport
import Foundation
import Logging

/// Turns command-line inputs into dataset items: audio files as they are, folders searched
/// recursively (a folder-per-class layout `ROOT/<label>/…/<file>` gives labels), and CSV
/// manifests (`.csv`).
public enum DatasetScanner {
    /// File extensions treated as audio when scanning folders (lowercased).
    public static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "mp3", "au", "snd", "aif", "aiff", "aifc", "caf", "rf64", "w64",
    ]

    /// Lists the items of every input, in a stable order (inputs in the order given, folder contents
    /// sorted by path). Throws one error listing every input that does not exist, every folder
    /// without audio files, every manifest problem, and any audio file reached twice.
    /// `groupColumn`, `holdOutColumn`: the manifests' columns giving each track's group and
    /// hold-out key (see ``Manifest``).
    public static func scan(_ inputs: [String], groupColumn: String? = nil, holdOutColumn: String? = nil)
        throws(DatasetError) -> [DatasetItem]
    {
        var items: [DatasetItem] = []
        var problems: [String] = []
        for input in inputs {
            let url = URL(fileURLWithPath: input).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                problems.append("\(input): no such file or folder")
                continue
            }
            if isDirectory.boolValue {
                for (key, column) in Manifest.columnOptions(groupColumn: groupColumn, holdOutColumn: holdOutColumn) {
                    problems.append("\(input): \(key) '\(column)' needs CSV manifests, not folders")
                }
                let found = scanFolder(url)
                if found.isEmpty { problems.append("\(input): no audio files in this folder") }
                items += found
            } else if url.pathExtension.lowercased() == "csv" {
                do { items += try Manifest.read(url, groupColumn: groupColumn, holdOutColumn: holdOutColumn) } catch {
                    problems += error.problems
                }
            } else {
                items.append(DatasetItem(path: url.path, relativePath: url.lastPathComponent))
            }
        }
        var seen: Set<String> = []
        for item in items where !seen.insert(item.path).inserted {
            problems.append("\(item.path): listed more than once among the inputs")
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return items
    }

    /// Audio files below `root`, sorted by path; a file two or more levels down takes the name of
    /// its top-level folder as label. Logs (debug) the count, and the other files it skipped.
    static func scanFolder(_ root: URL) -> [DatasetItem] {
        let rootComponents = root.pathComponents
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var items: [DatasetItem] = [], skipped: [String] = []
        for case let url as URL in enumerator {
            guard audioExtensions.contains(url.pathExtension.lowercased()) else {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    skipped.append(url.lastPathComponent)
                }
                continue
            }
            let components = url.standardizedFileURL.pathComponents
            let relative = Array(components.dropFirst(rootComponents.count))
            guard !relative.isEmpty, components.starts(with: rootComponents) else { continue }
            let label = relative.count >= 2 ? relative[0] : nil
            items.append(
                DatasetItem(
                    path: url.standardizedFileURL.path, label: label,
                    relativePath: relative.joined(separator: "/")))
        }
        Logger.datasets.debug("\(root.path): \(items.count) audio files\(skippedNote(skipped))")
        return items.sorted { $0.relativePath < $1.relativePath }
    }

    /// `; skipped 2 files that are not audio (cover.jpg, notes.txt)`, or nothing.
    static func skippedNote(_ names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let shown = names.sorted().prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        return "; skipped \(names.count) files that are not audio (\(shown))"
    }
}
