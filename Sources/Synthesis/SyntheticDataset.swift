import AudioIO
import ClassifierSupport
import ComplexNN
import Datasets
import Foundation
import NumPyIO

/// A sound class that the synthetic datasets can render.
public protocol SynthesisStyle: Sendable {
    /// The class label, used as folder name.
    var name: String { get }
    /// `seconds` of audio at `sampleRate` Hz, mono, deterministic from `random`.
    func render(seconds: Double, sampleRate: Int, using random: inout some RandomNumberGenerator) -> [Float]
}

extension GenreStyle: SynthesisStyle {
    public var name: String { rawValue }
}

extension PhaseStyle: SynthesisStyle {
    public var name: String { rawValue }
}

extension MusicStyle: SynthesisStyle {
    public var name: String { rawValue }
}

/// `audiocls data synth`: a folder-per-class dataset written from a seed, plus `manifest.csv`.
public struct SyntheticDataset: Sendable {
    /// What the classes differ in.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Five music-like styles (see ``GenreStyle``), written in mixed formats, rates and channel
        /// counts so that decoding is exercised for real.
        case genres
        /// Classes that differ only in phase relations between partials, written losslessly.
        case phase
        /// Six overlapping music styles played on shared instruments through random recording
        /// chains (see ``MusicStyle``), in the same mix of formats as `genres`.
        case styles
    }

    public var kind: Kind
    public var tracksPerClass: Int
    /// Length of each track in seconds.
    public var seconds: Double
    public var seed: UInt64

    public init(kind: Kind, tracksPerClass: Int = 20, seconds: Double = 6, seed: UInt64 = 1) throws(ConfigurationError)
    {
        try ConfigurationError.requirePositive(tracksPerClass, key: "tracks_per_class")
        guard seconds > 0, seconds <= 600 else {
            throw ConfigurationError(key: "seconds", value: "\(seconds)", reason: "must be in (0, 600]")
        }
        self.kind = kind
        self.tracksPerClass = tracksPerClass
        self.seconds = seconds
        self.seed = seed
    }

    /// The classes of this kind, in label order.
    public var styles: [any SynthesisStyle] {
        switch kind {
        case .genres: GenreStyle.allCases
        case .phase: PhaseStyle.allCases
        case .styles: MusicStyle.allCases
        }
    }

    /// Format, sample rate (Hz) and channel count of track number `track`, cycling through a mix.
    func layout(ofTrack track: Int) -> (format: AudioFileFormat, sampleRate: Int, channels: Int) {
        let genres: [(AudioFileFormat, Int, Int)] = [
            (.wavPCM16, 22050, 1), (.wavPCM24, 44100, 2), (.wavFloat, 48000, 1), (.flac16, 44100, 2),
            (.oggVorbis, 22050, 1), (.flac24, 48000, 1), (.auPCM16, 22050, 1), (.aiffPCM16, 44100, 2),
        ]
        // Lossy codecs may change phase: the phase kind stays lossless.
        let phase: [(AudioFileFormat, Int, Int)] = [
            (.wavFloat, 22050, 1), (.flac24, 44100, 1), (.wavPCM24, 48000, 2), (.flac16, 22050, 1),
        ]
        let table = kind == .phase ? phase : genres
        return table[track % table.count]
    }

    /// Writes every track below `root` (`root/<label>/<label>.<nnnn>.<ext>`) and `root/manifest.csv`,
    /// on `jobs` threads; each track has its own generator seeded from (seed, class, track), so the
    /// result does not depend on `jobs`. Returns the items in manifest order.
    public func write(to root: URL, jobs: Int, progress: ProgressReporter) throws -> [DatasetItem] {
        let styles = self.styles
        let tracks = styles.indices.flatMap { c in (0..<tracksPerClass).map { (c, $0) } }
        let results = parallelMap(tracks, jobs: jobs) { (classIndex, track) -> Result<DatasetItem, AudioIOError> in
            let style = styles[classIndex]
            let (format, sampleRate, channels) = layout(ofTrack: track)
            var random = SeededGenerator(seed: seed ^ UInt64(classIndex + 1) << 48 ^ UInt64(track + 1) << 20)
            let mono = style.render(seconds: seconds, sampleRate: sampleRate, using: &random)
            // A second channel is the first at 0.8 gain: a panned source whose mean is 0.9 × mono.
            let samples = channels == 1 ? mono : mono + mono.map { 0.8 * $0 }
            let relative = "\(style.name)/\(style.name).\(String(format: "%04d", track)).\(format.fileExtension)"
            let url = root.appendingPathComponent(relative)
            let result = Result { () throws(AudioIOError) -> DatasetItem in
                try? FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AudioFile.write(
                    DecodedAudio(samples: samples, channels: channels, sampleRate: sampleRate), to: url, format: format)
                return DatasetItem(path: url.standardizedFileURL.path, label: style.name, relativePath: relative)
            }
            progress.advance(failed: (try? result.get()) == nil ? 1 : 0)
            return result
        }
        progress.finish()
        let items = try results.map { try $0.get() }
        let manifest = "path,label\n" + items.map { "\($0.relativePath),\($0.label!)\n" }.joined()
        try AtomicFile.write(Array(manifest.utf8), to: root.appendingPathComponent("manifest.csv"))
        return items
    }
}
