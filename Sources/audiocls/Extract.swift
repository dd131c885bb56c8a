import ArgumentParser
import ClassifierSupport
import Datasets
import FeatureExtraction
import Foundation
import Logging

extension AudioCLS {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute features of audio files and whole datasets.",
            subcommands: [Features.self, Merge.self])
    }
}

extension AudioCLS.Extract {
    struct Features: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Decode inputs and write their features as NumPy .npz files plus index.jsonl.",
            discussion: """
                INPUT is an audio file, a folder (searched recursively; ROOT/<label>/<file> gives \
                labels, like GTZAN) or a CSV manifest `path,label[,split]`.

                Each input becomes OUT/<relative path>.npz with one array per feature ([rows, frames]; \
                complex ones as <c8). OUT/index.jsonl lists input, label, split, content and \
                configuration hashes, output, shapes and duration (pandas.read_json(…, lines=True)).

                A rerun skips inputs whose content and configuration are unchanged, so a killed run \
                resumes where it stopped. Files are written to a temporary name and renamed.

                Exit status: 0 when every input succeeded, 1 when some failed (each is reported on \
                stderr with its reason; the others are stored), 64 for bad options.
                """)

        @Argument(help: "Audio files, folders or CSV manifests.")
        var inputs: [String]

        @Option(help: "Output folder.")
        var out: String

        @OptionGroup var featureOptions: FeatureOptions

        @OptionGroup var jobs: JobsOption

        @Option(
            help:
                "Process only shard I of N (0 ≤ I < N), balanced by file size, e.g. 0/4; `auto` reads a Slurm job array's or a Kubernetes indexed job's environment."
        )
        var shard: String?

        @Option(
            help:
                "With --shard auto: the number of shards (Kubernetes completions; Slurm's count is read from SLURM_ARRAY_TASK_COUNT)."
        )
        var shardCount: Int?

        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let settings = try featureOptions.settings()
            Logger.cli.debug("feature settings hash \(settings.hash.prefix(16))")
            let shard: Shard? = try OptionSpelling.naming(config: nil, commandLineKeys: []) {
                try self.shard.map { text throws(ShardError) -> Shard in
                    text == "auto"
                        ? try Shard(environment: ProcessInfo.processInfo.environment, count: shardCount)
                        : try Shard(parsing: text)
                }
            }
            let items = try DatasetScanner.scan(inputs)
            let store = try FeatureStore(root: URL(fileURLWithPath: out))
            let job = try FeatureExtractionJob(settings: settings, store: store, jobs: jobs.count)
            let started = Date()
            let count = FeatureExtractionJob.plan(items, shard: shard).count
            let summary = try job.run(
                items, shard: shard, progress: ProgressReporter(total: count, style: StandardErrorLog.progressStyle))
            for failure in summary.failures { Logger.cli.error("audiocls: \(failure)") }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            Logger.cli.info(
                "extracted \(summary.computed), up to date \(summary.upToDate), failed \(summary.failures.count) of \(count) inputs in \(seconds) s → \(out)"
            )
            if !summary.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

extension AudioCLS.Extract {
    struct Merge: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Join the output folders of `extract features --shard I/N` runs into one.",
            discussion: """
                Checks that the shards belong to one batch, that every shard 0..<N is present once, and \
                that every input assigned to a shard was extracted; then links (or copies) every output into \
                OUT and writes one index.jsonl. Exit status 1 lists what is missing or duplicated.
                """)

        @Argument(help: "Shard output folders.")
        var shards: [String]

        @Option(help: "Merged output folder.")
        var out: String

        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let report = try ShardMerger.merge(shards.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
            for problem in report.problems { Logger.cli.error("audiocls: \(problem)") }
            Logger.cli.info("merged \(report.merged) entries from \(shards.count) shard folders → \(out)")
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }
}
