import ArgumentParser
import ClassifierSupport
import Foundation
import Logging
import Synthesis

extension AudioCLS {
    struct DataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "Generate datasets.",
            subcommands: [Synth.self])
    }
}

extension AudioCLS.DataCommand {
    struct Synth: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic folder-per-class dataset and its manifest.csv, deterministic from the seed.",
            discussion: """
                genres: five music-like styles (techno, ambient, folk, noise, chiptune) with random tempo, \
                key, timbre and level, written in mixed formats (WAV 16/24-bit and float, FLAC, Ogg Vorbis, \
                AU, AIFF), rates (22.05, 44.1, 48 kHz) and channel counts.
                phase: classes with the same magnitude statistics that differ only in phase relations \
                between partials, written losslessly.
                styles: six overlapping music styles (house, techno, hiphop, rock, folk, ambient) played on \
                shared instruments, each track through a random recording chain (saturation, compression, \
                EQ, reverb, background noise, band-limiting, level); same formats as genres. The harder set \
                that tells models apart.
                """)

        @Argument(help: "Output folder.")
        var out: String

        @Option(help: "genres, phase or styles.")
        var kind: SyntheticDataset.Kind = .genres

        @Option(help: "Tracks per class.")
        var tracksPerClass = 20

        @Option(help: "Seconds per track.")
        var seconds = 6.0

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @OptionGroup var jobs: JobsOption

        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let dataset = try OptionSpelling.naming(config: nil, commandLineKeys: []) {
                try SyntheticDataset(kind: kind, tracksPerClass: tracksPerClass, seconds: seconds, seed: seed)
            }
            let total = dataset.styles.count * tracksPerClass
            let items = try dataset.write(
                to: URL(fileURLWithPath: out), jobs: jobs.count,
                progress: ProgressReporter(total: total, noun: "tracks", style: StandardErrorLog.progressStyle))
            Logger.cli.info("wrote \(items.count) tracks of \(dataset.styles.count) classes → \(out)/manifest.csv")
        }
    }
}

extension SyntheticDataset.Kind: ExpressibleByArgument {}
