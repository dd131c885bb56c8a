import Datasets
import Foundation

/// One track a bundle was trained, validated or tested on, as `model.json` records it: by the
/// SHA-256 of its file's bytes (so a moved or re-listed dataset is still recognised) and, for
/// display and for finding it again, its path relative to the dataset root it came through.
public struct TrackRecord: Codable, Sendable, Equatable {
    /// Relative to `dataset.roots[root ?? 0]` (format 2); absolute in format-1 bundles.
    public var path: String
    /// Index into ``DatasetSummary/roots``; absent for the first root (and in format 1).
    public var root: Int?
    public var label: String?
    public var split: DatasetSplit?
    /// SHA-256 of the file's bytes, as the feature store computed it; absent in format 1.
    public var contentHash: String?

    public init(path: String, root: Int? = nil, label: String?, split: DatasetSplit?, contentHash: String?) {
        (self.path, self.root, self.label, self.split, self.contentHash) = (path, root, label, split, contentHash)
    }
}

/// What a bundle was trained on: a name for people (the dataset folder's name), the absolute
/// roots the tracks' paths are relative to, and the number of tracks in each split.
public struct DatasetSummary: Codable, Sendable, Equatable {
    /// The folder name of each root, joined with `+` (e.g. `genres`).
    public var name: String
    /// Absolute folders (a dataset folder, or a manifest's folder) at training time.
    public var roots: [String]
    public var tracks: Int
    public var trainTracks: Int, validationTracks: Int, testTracks: Int

    /// The summary and the per-track records of `items` (with their split set) and their content
    /// hashes (in item order).
    public static func records(_ items: [DatasetItem], contentHashes: [String]) -> (
        dataset: DatasetSummary, tracks: [TrackRecord]
    ) {
        var roots: [String] = []
        let tracks = zip(items, contentHashes).map { item, hash in
            let suffix = "/" + item.relativePath
            guard item.path.hasSuffix(suffix), !item.relativePath.hasPrefix("/") else {
                return TrackRecord(path: item.path, label: item.label, split: item.split, contentHash: hash)
            }
            let root = String(item.path.dropLast(suffix.count))
            if !roots.contains(root) { roots.append(root) }
            let index = roots.firstIndex(of: root)!
            return TrackRecord(
                path: item.relativePath, root: index == 0 ? nil : index, label: item.label, split: item.split,
                contentHash: hash)
        }
        let name = roots.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: "+")
        func count(_ split: DatasetSplit) -> Int { items.filter { $0.split == split }.count }
        let summary = DatasetSummary(
            name: name.isEmpty ? "files" : name, roots: roots, tracks: items.count, trainTracks: count(.train),
            validationTracks: count(.validation), testTracks: count(.test))
        return (summary, tracks)
    }
}

extension BundleManifest {
    /// Where `track` is now: its root joined with its relative path (format 2), or its absolute
    /// path (format 1).
    public func location(of track: TrackRecord) -> String {
        guard !track.path.hasPrefix("/"), let roots = dataset?.roots, let root = roots[safe: track.root ?? 0] else {
            return track.path
        }
        return root + "/" + track.path
    }

    /// The recorded tracks as dataset items at their recorded locations.
    public func items(_ tracks: [TrackRecord]) -> [DatasetItem] {
        tracks.map {
            DatasetItem(path: location(of: $0), label: $0.label, split: $0.split, relativePath: $0.path)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
