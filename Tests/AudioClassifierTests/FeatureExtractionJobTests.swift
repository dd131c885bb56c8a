import Foundation
import NumPyIO
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import FeatureExtraction
@testable import Synthesis

/// How extraction reads its inputs: hashed beside the decoding when a core is spare, on the
/// job's own thread otherwise — the same files and index either way.
@Suite struct FeatureExtractionJobTests {
    let directory = TemporaryDirectory()

    @Test func theHashGetsAThreadOfItsOwnOnlyWhenACoreIsSpare() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(FeatureExtractionJob.hashQueue(jobs: cores) == nil)
        #expect(FeatureExtractionJob.hashQueue(jobs: cores + 1) == nil)
        #expect((FeatureExtractionJob.hashQueue(jobs: cores - 1) != nil) == (cores > 1))
    }

    /// Mixed formats (WAV 16/24-bit and float, FLAC, Ogg, AU, AIFF: decoded from the bytes read
    /// or from the file), one job and one job per core: each entry's content hash is the file's
    /// SHA-256, and both runs write the same bytes.
    @Test func oneJobAndOneJobPerCoreStoreTheSameFilesAndHashes() throws {
        let items = try SyntheticDataset(kind: .genres, tracksPerClass: 2, seconds: 1, seed: 5)
            .write(to: directory.file("data"), jobs: 2, progress: ProgressReporter(total: 0, style: .quiet))
        let settings = ExtractionSettings(features: [.stft, .mel, .mfcc])
        var stores: [FeatureStore] = []
        for jobs in [1, ProcessInfo.processInfo.activeProcessorCount] {
            let store = try FeatureStore(root: directory.file("out-\(jobs)-\(stores.count)"))
            let summary = try FeatureExtractionJob(settings: settings, store: store, jobs: jobs)
                .run(items, progress: ProgressReporter(total: 0, style: .quiet))
            #expect(summary.computed == items.count && summary.failures.isEmpty, "\(summary.failures)")
            stores.append(store)
        }
        let (one, perCore) = (stores[0].allEntries, stores[1].allEntries)
        #expect(one.count == items.count && perCore.map(\.contentHash) == one.map(\.contentHash))
        for entry in one {
            #expect(entry.contentHash == (try SHA256.hex(ofFileAt: URL(fileURLWithPath: entry.input))))
            let written = try stores.map { try Data(contentsOf: $0.location(of: entry.output)) }
            #expect(written[0] == written[1], "\(entry.output)")
        }
    }

    /// `--dtype float16`: the index records the stored shapes, every kind but the mel power is
    /// `<f2`, the files are about half the size, and each array holds the float32 run's values
    /// rounded to halves.
    @Test func halfPrecisionFilesHoldTheRoundedValues() throws {
        let items = try SyntheticDataset(kind: .genres, tracksPerClass: 1, seconds: 1, seed: 6)
            .write(to: directory.file("data"), jobs: 2, progress: ProgressReporter(total: 0, style: .quiet))
        var settings = ExtractionSettings(features: [.stft, .mel, .mfcc, .phase])
        var stores: [FeatureStore] = []
        for precision in StoredPrecision.allCases {
            settings.dtype = precision
            let store = try FeatureStore(root: directory.file("out-\(precision)"))
            let summary = try FeatureExtractionJob(settings: settings, store: store, jobs: 2)
                .run(items, progress: ProgressReporter(total: 0, style: .quiet))
            #expect(summary.computed == items.count && summary.failures.isEmpty, "\(summary.failures)")
            stores.append(store)
        }
        for (full, half) in zip(stores[0].allEntries, stores[1].allEntries) {
            let frames = full.shapes["stft"]![1]
            #expect(half.shapes["stft"] == full.shapes["stft"]! + [2] && half.shapes["mfcc"] == full.shapes["mfcc"])
            let (a, b) = (
                try NPZArchive.read(stores[0].location(of: full.output)),
                try NPZArchive.read(stores[1].location(of: half.output))
            )
            #expect(b["mel"] == a["mel"])
            #expect(try b["stft"]!.floats() == a["stft"]!.complexInterleaved().map { Float(Float16($0)) })
            for name in ["mfcc", "phase"] {
                let rounded = try a[name]!.floats().map { Float(Float16($0)) }
                let stored = try b[name]!.floats()
                #expect(b[name]!.dtype == .float16 && stored == rounded, "\(name)")
            }
            let sizes = try [full, half].enumerated().map { k, entry in
                try FileManager.default.attributesOfItem(atPath: stores[k].location(of: entry.output).path)[.size]
                    as! Int
            }
            #expect(frames > 0 && Double(sizes[1]) < 0.55 * Double(sizes[0]), "\(sizes)")
        }
    }
}
