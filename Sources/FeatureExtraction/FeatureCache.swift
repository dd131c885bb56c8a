import ClassifierSupport
import Datasets
import Foundation
import NumPyIO

/// The shared feature cache that training and evaluation read through: `ROOT/<first 16 hex
/// digits of ExtractionSettings.hash>/`, one ``FeatureStore`` per feature configuration (default
/// root `data/cache`, relative to the working directory). Inside, each input is stored under its
/// absolute path (`/data/gtzan/rock/a.au` → `data/gtzan/rock/a.npz`), so datasets never
/// collide and a second run with the same settings extracts nothing.
public struct FeatureCache: Sendable {
    public let root: URL
    /// Files extracted in parallel.
    public let jobs: Int

    public init(root: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.root = root
        self.jobs = max(1, jobs)
    }

    /// The store folder of `settings`.
    public func directory(for settings: ExtractionSettings) -> URL {
        root.appendingPathComponent(String(settings.hash.prefix(16)))
    }

    /// The feature matrix of every item (extracting what is missing), in item order, with the
    /// number extracted now. Throws one error listing every file that failed.
    public func matrices(
        for items: [DatasetItem], feature: InputFeature, settings: ExtractionSettings, progress: ProgressReporter
    ) throws -> (matrices: [FeatureMatrix], extracted: Int) {
        let store = try FeatureStore(root: directory(for: settings))
        let keyed = items.map { item in
            var copy = item
            copy.relativePath = String(item.path.drop { $0 == "/" })
            return copy
        }
        let summary = try FeatureExtractionJob(settings: settings, store: store, jobs: jobs).run(
            keyed, progress: progress)
        guard summary.failures.isEmpty else { throw FeatureError.extractionFailed(summary.failures) }
        let matrices = try keyed.map { item in
            guard let entry = store.currentEntry(for: item, configHash: settings.hash) else {
                throw FeatureError.notCached(path: item.path, cache: store.root.path)
            }
            let url = store.location(of: entry.output)
            guard let array = try NPZArchive.read(url)[feature.kind.rawValue] else {
                throw FeatureError.missingArray(path: url.path, name: feature.kind.rawValue)
            }
            return try FeatureMatrix(array, name: url.path)
        }
        return (matrices, summary.computed)
    }
}
