import AudioIO
import ClassifierSupport
import ComplexNN
import Datasets
import Foundation
import NumPyIO
import Spectral

/// `audiocls extract features`: decodes every input, computes its features and stores them in a
/// ``FeatureStore``, in parallel, skipping inputs whose stored features are current.
public struct FeatureExtractionJob: Sendable {
    public let settings: ExtractionSettings
    public let store: FeatureStore
    /// Files processed at once (each holds one decoded track in memory); with fewer than the
    /// cores, inputs are hashed on one more thread (``hashQueue(jobs:)``).
    public let jobs: Int

    public init(settings: ExtractionSettings, store: FeatureStore, jobs: Int) throws {
        try settings.validate()
        self.settings = settings
        self.store = store
        self.jobs = max(1, jobs)
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Inputs whose features were computed in this run.
        public var computed = 0
        /// Inputs skipped because their stored features were current.
        public var upToDate = 0
        /// Inputs that failed, with the reason (the message names the file).
        public var failures: [String] = []
    }

    /// The inputs this run will process: all of `items`, or the shard's share (balanced by file
    /// size), with output names decided over all of `items` so that shards never clash.
    public static func plan(_ items: [DatasetItem], shard: Shard?) -> [(item: DatasetItem, output: String)] {
        let names = OutputNaming.names(for: items)
        let chosen = shard?.indices(of: items) { (try? InputStamp.size(of: $0.url)) ?? 0 } ?? Array(items.indices)
        return chosen.map { (items[$0], names[$0]) }
    }

    /// Processes `items` (or the shard's share of them, recording the assignment in `shard.json`);
    /// a failing input is recorded in the summary and the others go on. The index is committed at
    /// the end (and is valid at every moment before that).
    public func run(_ items: [DatasetItem], shard: Shard? = nil, progress: ProgressReporter) throws -> Summary {
        let extractor = try FeatureExtractor(settings.spectral)
        let configHash = settings.hash
        let work = Self.plan(items, shard: shard)
        if let shard {
            try ShardRecord(shard: shard, allInputs: items, assigned: work.map(\.item), configHash: configHash)
                .write(to: store.root)
        }
        enum Outcome: Sendable { case computed, upToDate, failed(String) }
        let hashQueue = Self.hashQueue(jobs: jobs)
        let outcomes = parallelMap(work, jobs: jobs) { item, output -> Outcome in
            let outcome: Outcome
            if store.currentEntry(for: item, configHash: configHash) != nil {
                outcome = .upToDate
            } else {
                do {
                    try extract(
                        item, output: output, extractor: extractor, configHash: configHash, hashQueue: hashQueue)
                    outcome = .computed
                } catch let error as AudioIOError {
                    outcome = .failed(error.description)
                } catch {
                    outcome = .failed("\(item.path): \(error)")
                }
            }
            if case .failed = outcome { progress.advance(failed: 1) } else { progress.advance() }
            return outcome
        }
        progress.finish()
        try store.commit()
        var summary = Summary()
        for outcome in outcomes {
            switch outcome {
            case .computed: summary.computed += 1
            case .upToDate: summary.upToDate += 1
            case .failed(let reason): summary.failures.append(reason)
            }
        }
        return summary
    }

    /// Where inputs are hashed: beside their decoding, on a queue of its own, when fewer jobs run
    /// than there are cores (the hash then takes a core that would idle); else on each job's own
    /// thread, where a hash thread would only take turns with the jobs on their cores (and, in a
    /// one-CPU Slurm task, make `--jobs 1` use more than its CPU).
    ///
    /// Not a global dispatch queue: the jobs are that pool's threads (`concurrentPerform`), so a
    /// queued hash could wait for a job that is itself waiting for the hash. A queue of its own
    /// gets a thread whenever it has work, and the same thread serves file after file.
    static func hashQueue(jobs: Int) -> DispatchQueue? {
        jobs < ProcessInfo.processInfo.activeProcessorCount ? DispatchQueue(label: "audiocls.content-hashes") : nil
    }

    private func extract(
        _ item: DatasetItem, output: String, extractor: FeatureExtractor, configHash: String, hashQueue: DispatchQueue?
    ) throws {
        var input = try InputReading(item, hashQueue: hashQueue)
        // Also when decoding fails: a hash still running as the process exits meets libcrypto
        // torn down by its exit handler (a crash at exit, seen on a dataset with bad files).
        defer { _ = try? input.contentHash() }
        let stamp = try InputStamp(item.url)
        var audio = try input.decode(sampleRate: settings.spectral.sampleRate)
        func entry(_ shapes: [String: [Int]]) throws -> FeatureIndexEntry {
            FeatureIndexEntry(
                input: item.path, relativePath: item.relativePath, label: item.label, split: item.split,
                contentHash: try input.contentHash(), configHash: configHash, output: output, shapes: shapes,
                duration: audio.duration, inputSize: stamp.size, inputModified: stamp.modified,
                inputTarget: stamp.target)
        }
        let frames = extractor.stft.frameCount(signalLength: audio.samples.count)
        guard TrackFeatures.shouldStream(frames: frames, kinds: settings.features) else {
            let features = try TrackFeatures.compute(audio.samples, kinds: settings.features, extractor: extractor)
            let arrays: [(name: String, array: NPYArray)] = try zip(settings.features, features).map {
                kind, computed throws(FeatureError) in
                (computed.name, try NPYArray(computed.feature, kind: kind, precision: settings.precision))
            }
            try store.store(
                arrays, as: entry(Dictionary(uniqueKeysWithValues: arrays.map { ($0.name, $0.array.shape) })))
            return
        }
        // A long track: its outputs go to the file block by block, and its samples are let go
        // as soon as the STFT pass no longer needs them (memory stays flat in the track's length).
        let members = TrackFeatures.members(
            frames: frames, kinds: settings.features, extractor: extractor, precision: settings.precision)
        let streamed = try entry(Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.shape) }))
        var signal = audio.samples
        audio.samples = []
        try store.storeStreaming(members, as: streamed) { writer in
            try TrackFeatures.stream(
                &signal, kinds: settings.features, extractor: extractor, precision: settings.precision, into: writer)
        }
    }
}
