import ClassifierSupport
import Datasets
import Foundation
import NumPyIO

/// A folder of features, one `.npz` per input, plus `index.jsonl` listing them.
///
/// Crash safety: each `.npz` is written to a `.partial` file and renamed (``AtomicFile``); each finished entry is
/// then appended as one line to `index.journal`; ``commit()`` folds the journal into
/// `index.jsonl` (written atomically) and deletes it. A run killed at any moment therefore leaves
/// a valid `index.jsonl`, whole output files, at most one torn journal line and `.partial` files,
/// which the next open drops — so a rerun redoes only the unfinished inputs.
public final class FeatureStore: Sendable {
    public let root: URL
    private let entries: Locked<[String: FeatureIndexEntry]>
    private let journal: Locked<FileHandle?>

    public static let indexName = "index.jsonl"
    static let journalName = "index.journal"

    /// Opens (creating if needed) the store in `root`, reading the index and any journal.
    public init(root: URL) throws {
        self.root = root
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            throw FeatureError.unwritableStore(path: root.path, reason: fileSystemReason(error))
        }
        var loaded: [String: FeatureIndexEntry] = [:]
        for name in [Self.indexName, Self.journalName] {
            for entry in Self.readLines(root.appendingPathComponent(name)) { loaded[entry.input] = entry }
        }
        entries = Locked(loaded)
        journal = Locked(nil)
        AtomicFile.removeStalePartials(below: root)
        // Fold a crashed run's journal in now, so new lines never follow a torn one.
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(Self.journalName).path) { try commit() }
    }

    /// Where the output file `output` (a path relative to the root) is; the file system is not
    /// asked whether it is a folder (`appendingPathComponent` asks, once per call).
    func location(of output: String) -> URL { root.appending(path: output, directoryHint: .notDirectory) }

    /// Every entry, sorted by output path.
    public var allEntries: [FeatureIndexEntry] {
        entries.withLock { Array($0.values) }.sorted { $0.output < $1.output }
    }

    /// The entry for `item` if one exists under `configHash` whose output file is still there, and
    /// whose content hash matches; the file is hashed again only when its size, modification
    /// time or (for a symbolic link) target changed — of the file a link points to, not the link.
    public func currentEntry(for item: DatasetItem, configHash: String) -> FeatureIndexEntry? {
        guard let entry = entries.withLock({ $0[item.path] }), entry.configHash == configHash,
            FileManager.default.fileExists(atPath: location(of: entry.output).path),
            let stamp = try? InputStamp(item.url)
        else { return nil }
        if stamp.size == entry.inputSize && stamp.modified == entry.inputModified && stamp.target == entry.inputTarget {
            return entry
        }
        return (try? SHA256.hex(ofFileAt: item.url)) == entry.contentHash ? entry : nil
    }

    /// Writes `arrays` as the `.npz` `output` (relative to the root) atomically, one array per
    /// name, then records the entry.
    public func store(_ arrays: [(name: String, array: NPYArray)], as entry: FeatureIndexEntry) throws {
        let url = location(of: entry.output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try NPZArchive.write(arrays, to: url)
        try record(entry)
    }

    /// Writes `output` (relative to the root) as `members` that `fill` writes piece by piece into
    /// an ``NPZStreamWriter`` (the file appears, complete, when `fill` returns), then records the entry.
    func storeStreaming(
        _ members: [NPZStreamWriter.Member], as entry: FeatureIndexEntry, _ fill: (NPZStreamWriter) throws -> Void
    ) throws {
        let url = location(of: entry.output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let writer = try NPZStreamWriter(url: url, members: members)
        try fill(writer)
        try writer.finish()
        try record(entry)
    }

    /// Appends `entry` to the journal and the in-memory index.
    private func record(_ entry: FeatureIndexEntry) throws {
        var line = try JSONEncoder.sortedKeys.encode(entry)
        line.append(UInt8(ascii: "\n"))
        try journal.withLock { handle in
            if handle == nil { handle = try Self.openForAppend(root.appendingPathComponent(Self.journalName)) }
            try handle!.write(contentsOf: line)
        }
        entries.withLock { $0[entry.input] = entry }
    }

    /// Adds an existing output file (from another store) under `entry.output`, hard-linked when the
    /// two stores share a file system and copied otherwise, then records the entry.
    public func adopt(_ file: URL, as entry: FeatureIndexEntry) throws {
        let url = location(of: entry.output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        do { try FileManager.default.linkItem(at: file, to: url) } catch {
            try FileManager.default.copyItem(at: file, to: url)
        }
        try record(entry)
    }

    /// Writes `index.jsonl` from every entry atomically and removes the journal.
    public func commit() throws {
        try journal.withLock { handle in
            try handle?.close()
            handle = nil
        }
        let encoder = JSONEncoder.sortedKeys
        var text = Data()
        for entry in allEntries {
            text.append(try encoder.encode(entry))
            text.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.write(text, to: root.appendingPathComponent(Self.indexName), sync: true)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(Self.journalName))
    }

    // MARK: - Files

    /// The entries of a JSON-Lines file; a line that does not parse (a torn last write) is skipped.
    static func readLines(_ url: URL) -> [FeatureIndexEntry] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? decoder.decode(FeatureIndexEntry.self, from: $0)
        }
    }

    private static func openForAppend(_ url: URL) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }
}
