import Datasets

/// One line of a feature store's `index.jsonl`: which input produced which output file, under
/// which configuration. `pandas.read_json(path, lines=True)` reads the index directly.
public struct FeatureIndexEntry: Codable, Sendable, Equatable {
    /// Absolute path of the audio input.
    public var input: String
    /// The input's path relative to the folder or manifest it came through.
    public var relativePath: String
    public var label: String?
    public var split: DatasetSplit?
    /// SHA-256 of the input file's bytes.
    public var contentHash: String
    /// SHA-256 of the canonical JSON of the feature configuration.
    public var configHash: String
    /// The `.npz` holding the features, relative to the store's folder.
    public var output: String
    /// Array name → shape, e.g. `"mel": [128, 1292]`.
    public var shapes: [String: [Int]]
    /// Decoded duration in seconds.
    public var duration: Double
    /// Size in bytes and modification time (seconds since 1970) of the input (of the file a
    /// symbolic link points to) when it was hashed,
    /// so a rerun can trust `contentHash` without reading an unchanged file again.
    public var inputSize: Int64
    public var inputModified: Double
    /// For an input reached through a symbolic link, the file it resolved to (its size and time
    /// above are that file's); absent otherwise.
    public var inputTarget: String? = nil
}
