import ClassifierSupport
import Datasets
import Foundation

extension FeatureStore {
    /// The SHA-256 of `item`'s file: the stored entry's when it is current (see
    /// ``currentEntry(for:configHash:)``), else read now with the same hash the store keys by.
    public func contentHash(of item: DatasetItem, configHash: String) throws -> String {
        if let entry = currentEntry(for: item, configHash: configHash) { return entry.contentHash }
        do { return try SHA256.hex(ofFileAt: item.url) } catch {
            throw FeatureError.unreadableInput(path: item.path, reason: fileSystemReason(error))
        }
    }
}

extension FeatureCache {
    /// The content hash of every item (in item order), from the store of `settings` where it
    /// already holds the file, so an unchanged file is not read again.
    public func contentHashes(for items: [DatasetItem], settings: ExtractionSettings) throws -> [String] {
        let store = try FeatureStore(root: directory(for: settings))
        return try items.map { try store.contentHash(of: $0, configHash: settings.hash) }
    }
}
