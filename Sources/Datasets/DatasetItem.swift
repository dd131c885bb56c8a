import Foundation

/// Which part of a dataset an item belongs to.
public enum DatasetSplit: String, Sendable, Codable, CaseIterable {
    case train, validation, test

    /// Parses a manifest's split column: `train`, `val`/`valid`/`validation`, `test` (any case).
    public init?(manifestName: String) {
        switch manifestName.lowercased() {
        case "train": self = .train
        case "val", "valid", "validation": self = .validation
        case "test": self = .test
        default: return nil
        }
    }
}

/// One audio input of a dataset: where it is, its label and split when known, and the name its
/// outputs are stored under.
public struct DatasetItem: Sendable, Hashable, Codable {
    /// Absolute, standardised path of the audio file.
    public var path: String
    /// Class label (folder name in a folder-per-class layout, `label` column of a manifest).
    public var label: String?
    /// Split from a manifest's `split` column; `nil` when the dataset does not say.
    public var split: DatasetSplit?
    /// The group the track belongs to (a manifest's group column: source recording, artist,
    /// album); splits never put one group on two sides. `nil`: the track is its own group.
    public var group: String?
    /// A coarser key the splits the tool draws hold out whole within a class (a manifest's
    /// `--hold-out-by` column, e.g. `source`: validation recordings then come from sources
    /// training never hears, as a user's own recordings do); `nil`: the group alone decides.
    public var holdOut: String?
    /// Path relative to the folder or manifest it was found through, used to name outputs
    /// (`blues/blues.00000.au`).
    public var relativePath: String

    public init(
        path: String, label: String? = nil, split: DatasetSplit? = nil, group: String? = nil, holdOut: String? = nil,
        relativePath: String
    ) {
        self.path = path
        self.label = label
        self.split = split
        self.group = group
        self.holdOut = holdOut
        self.relativePath = relativePath
    }

    public var url: URL { URL(fileURLWithPath: path) }

    /// The key splits group by: the group, or the path when the track has none.
    public var groupKey: String { group.map { "group:" + $0 } ?? "path:" + path }
}
