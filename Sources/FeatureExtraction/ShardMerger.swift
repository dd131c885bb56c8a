import ClassifierSupport
import Foundation

/// `audiocls extract merge`: joins the feature folders of the shards of one batch into one store,
/// after checking that they cover every input exactly once.
public enum ShardMerger {
    /// What a merge found.
    public struct Report: Sendable {
        /// Entries in the merged index.
        public var merged = 0
        /// Everything that keeps the merge from being complete: missing shards, shards of another
        /// batch or feature configuration, inputs assigned but not extracted (or only under an
        /// earlier configuration), inputs in two shards, an output folder already listing others.
        public var problems: [String] = []
    }

    /// Merges `folders` into `output`: output files are hard-linked (copied across file systems)
    /// and one `index.jsonl` lists them all. Incomplete input is reported, and what exists is
    /// still merged.
    public static func merge(_ folders: [URL], into output: URL) throws -> Report {
        var report = Report()
        let records = try folders.map { try ShardRecord.read(from: $0) }
        guard let first = records.first else { throw ShardError.noFolders }
        report.problems += mismatches(folders, records) + coverageGaps(records, count: first.count)
        let store = try FeatureStore(root: output)
        var owner: [String: URL] = [:]
        for (folder, record) in zip(folders, records) {
            try adopt(record, from: folder, into: store, owner: &owner, report: &report)
        }
        try store.commit()
        let batch = Set(records.flatMap(\.assigned))
        let strays = store.allEntries.filter { !batch.contains($0.input) }
        if let stray = strays.first {
            report.problems.append(
                "\(output.path): its index also lists \(strays.count) inputs of no given shard, such as \(stray.input) (from an earlier merge?); merge into an empty folder"
            )
        }
        if owner.count != first.totalInputs && report.problems.isEmpty {
            report.problems.append("\(owner.count) of \(first.totalInputs) inputs merged")
        }
        return report
    }

    /// The shards that belong to another batch or feature configuration than the first.
    private static func mismatches(_ folders: [URL], _ records: [ShardRecord]) -> [String] {
        let first = records[0], against = "\(folders[0].path) (shard \(first.shard))"
        return zip(folders, records).compactMap { folder, record in
            if record.count != first.count || record.inputsDigest != first.inputsDigest {
                return "\(folder.path): shard \(record.shard) belongs to another batch than \(against)"
            } else if record.configHash != first.configHash {
                return
                    "\(folder.path): shard \(record.shard) was extracted with another feature configuration than \(against)"
            }
            return nil
        }
    }

    /// The shards of `0..<count` that are missing or given more than once.
    private static func coverageGaps(_ records: [ShardRecord], count: Int) -> [String] {
        let present = Dictionary(grouping: records.indices, by: { records[$0].index })
        var problems: [String] = []
        for i in 0..<count {
            if present[i] == nil { problems.append("shard \(i)/\(count) is missing") }
            if let folders = present[i], folders.count > 1 {
                problems.append("shard \(i)/\(count) is given \(folders.count) times")
            }
        }
        return problems
    }

    /// Adopts into `store` the features of the inputs assigned to one shard, reporting those not
    /// extracted, extracted under an earlier configuration or already adopted from another folder
    /// (`owner` maps each adopted input to its folder).
    private static func adopt(
        _ record: ShardRecord, from folder: URL, into store: FeatureStore, owner: inout [String: URL],
        report: inout Report
    ) throws {
        let entries = Dictionary(
            FeatureStore.readLines(folder.appendingPathComponent(FeatureStore.indexName)).map { ($0.input, $0) },
            uniquingKeysWith: { $1 })
        for path in record.assigned {
            guard let entry = entries[path] else {
                report.problems.append("\(path): assigned to shard \(record.shard) in \(folder.path) but not extracted")
                continue
            }
            if let expected = record.configHash, entry.configHash != expected {
                report.problems.append(
                    "\(path): the features in \(folder.path) are left from another configuration (its extraction failed in this shard's run)"
                )
                continue
            }
            if let other = owner[path] {
                report.problems.append("\(path): extracted in both \(other.path) and \(folder.path)")
                continue
            }
            owner[path] = folder
            try store.adopt(folder.appendingPathComponent(entry.output), as: entry)
            report.merged += 1
        }
    }
}
