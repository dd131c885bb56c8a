import ArgumentParser
import AudioIO
import ClassifierSupport
import Foundation
import Logging

extension AudioCLS {
    /// `audiocls info FILE... [--json] [--decode [--sample-rate HZ]]`
    struct Info: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Show the format, sample rate, channels and length of audio files.",
            discussion: """
                Reads each file's header (WAV, WAVEX, FLAC, Ogg Vorbis/Opus, MP3, AU, AIFF, CAF, \
                RF64, W64, and whatever else libsndfile reads) and prints one table row per file, \
                or with --json one JSON object per line (JSON Lines).

                With --decode each file is also decoded as training would load it (mono, resampled \
                to --sample-rate) and the samples, peak, RMS and decoding time are reported; this \
                finds damaged data (truncated, NaN/Inf) that the header alone does not show.

                A file that cannot be read is reported on standard error as "PATH: reason" and the \
                other files are still processed. Exit status: 0 if every file was read, 1 if any failed.
                """)

        @Argument(help: "Audio files to describe.")
        var files: [String]

        @Flag(help: "Print JSON Lines (one object per file) instead of a table.")
        var json = false

        @Flag(help: "Also decode each file and report samples, peak, RMS and seconds taken.")
        var decode = false

        @Option(help: "With --decode: output sample rate in Hz; 0 keeps each file's native rate.")
        var sampleRate = 22050

        @OptionGroup var verbosity: Verbosity

        func validate() throws {
            guard sampleRate >= 0 else {
                throw ValidationError("--sample-rate must be ≥ 0 Hz (0 = native), not \(sampleRate).")
            }
        }

        func run() throws {
            var reports: [FileReport] = []
            var failed = false
            for file in files {
                do {
                    let report = try FileReport(file: file, decodeAt: decode ? sampleRate : nil)
                    if json { print(try report.jsonLine()) } else { reports.append(report) }
                } catch {
                    failed = true
                    Logger.cli.error("\(error)")
                }
            }
            if !json, !reports.isEmpty { FileReport.table(reports, decoded: decode).lines.forEach { print($0) } }
            if failed { throw ExitCode(1) }
        }
    }
}

/// What `info` reports about one file.
struct FileReport: Encodable {
    /// Decoding statistics (`--decode`).
    struct Decoding: Encodable {
        /// Output sample rate, Hz.
        let sampleRate: Int
        /// Samples produced (mono).
        let samples: Int
        let peak: Float
        let rms: Double
        /// Wall-clock decoding time.
        let seconds: Double
    }

    let info: AudioInfo
    let decoding: Decoding?

    /// Reads `file`'s header and, when `decodeAt` is given, decodes it to mono at that rate (0 = native).
    init(file: String, decodeAt sampleRate: Int?) throws {
        let url = URL(fileURLWithPath: file)
        var info = try AudioFile.info(url)
        info.path = file
        self.info = info
        decoding = try sampleRate.map { rate in
            let clock = ContinuousClock()
            let start = clock.now
            let audio = try AudioFile.load(url, options: LoadOptions(sampleRate: rate == 0 ? nil : rate))
            let elapsed = (clock.now - start) / .seconds(1)
            return Decoding(
                sampleRate: audio.sampleRate, samples: audio.samples.count, peak: audio.peak, rms: audio.rms,
                seconds: elapsed)
        }
    }

    /// The info fields at the top level, plus `decode` when decoded.
    func encode(to encoder: Encoder) throws {
        try info.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(decoding, forKey: .decoding)
    }

    private enum CodingKeys: String, CodingKey { case decoding = "decode" }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder.sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func table(_ reports: [FileReport], decoded: Bool) -> TextTable {
        var header = ["FILE", "FORMAT", "SUBTYPE", "RATE", "CHANNELS", "FRAMES", "DURATION"]
        if decoded { header += ["DECODED", "PEAK", "RMS", "SECONDS"] }
        var table = TextTable(header: header, textColumns: 3)
        for report in reports {
            let info = report.info
            var row = [
                info.path, info.format, info.subtype, "\(info.sampleRate)", "\(info.channels)", "\(info.frames)",
                String(format: "%.3f s", info.duration),
            ]
            if let decoding = report.decoding {
                row += [
                    "\(decoding.samples) @ \(decoding.sampleRate)", String(format: "%.4f", decoding.peak),
                    String(format: "%.4f", decoding.rms), String(format: "%.3f", decoding.seconds),
                ]
            }
            table.append(row)
        }
        return table
    }
}
