import ClassifierSupport
import Datasets
import Foundation
import NumPyIO

/// `shard.json`, written by `extract features --shard I/N` beside the index: which shard this
/// folder holds and which inputs were assigned to it, so that `extract merge` can prove that the
/// shards together cover every input exactly once.
public struct ShardRecord: Codable, Sendable, Equatable {
    public static let fileName = "shard.json"

    /// `I/N`.
    public var shard: String
    public var index: Int
    public var count: Int
    /// Number of inputs of the whole batch (all shards).
    public var totalInputs: Int
    /// SHA-256 of the whole batch's sorted input paths, one per line: equal in every shard of one batch.
    public var inputsDigest: String
    /// Absolute paths of the inputs assigned to this shard.
    public var assigned: [String]
    /// ``ExtractionSettings/hash`` of the run that wrote this record (nil in records written
    /// before it was recorded): `extract merge` rejects shards of different configurations and
    /// entries left from an earlier configuration.
    public var configHash: String?

    public init(shard: Shard, allInputs: [DatasetItem], assigned: [DatasetItem], configHash: String) {
        self.shard = shard.description
        index = shard.index
        count = shard.count
        totalInputs = allInputs.count
        inputsDigest = SHA256.hex(Array(allInputs.map(\.path).sorted().joined(separator: "\n").utf8))
        self.assigned = assigned.map(\.path)
        self.configHash = configHash
    }

    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(JSONEncoder.sortedKeys.encode(self), to: folder.appendingPathComponent(Self.fileName))
    }

    public static func read(from folder: URL) throws(ShardError) -> ShardRecord {
        let url = folder.appendingPathComponent(fileName)
        do { return try JSONDecoder().decode(ShardRecord.self, from: Data(contentsOf: url)) } catch {
            throw .notAShardRecord(path: url.path, reason: error.localizedDescription)
        }
    }
}
