import AudioIO
import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Datasets
@testable import Synthesis

@Suite struct SyntheticDatasetTests {
    func write(_ kind: SyntheticDataset.Kind, jobs: Int, into directory: TemporaryDirectory, tracks: Int = 2) throws
        -> [DatasetItem]
    {
        let dataset = try SyntheticDataset(kind: kind, tracksPerClass: tracks, seconds: 0.5, seed: 9)
        return try dataset.write(to: directory.url, jobs: jobs, progress: ProgressReporter(total: 0, style: .quiet))
    }

    @Test func genresAreWrittenInTheDeclaredFormatsWithAManifest() throws {
        let directory = TemporaryDirectory()
        let items = try write(.genres, jobs: 2, into: directory, tracks: 8)
        #expect(items.count == 40)
        let dataset = try SyntheticDataset(kind: .genres, tracksPerClass: 8)
        for item in items {
            let track = Int(item.url.deletingPathExtension().pathExtension)!
            let (format, rate, channels) = dataset.layout(ofTrack: track)
            let info = try AudioFile.info(item.url)
            #expect(
                info.sampleRate == rate && info.channels == channels && item.url.pathExtension == format.fileExtension)
            #expect(abs(info.duration - 0.5) < 0.01)
        }
        #expect(Set(items.map(\.label)) == Set(GenreStyle.allCases.map(\.rawValue)))
        #expect(try Manifest.read(directory.file("manifest.csv")) == items)
    }

    @Test func stylesHaveEveryClassInTheGenresFormats() throws {
        let directory = TemporaryDirectory()
        let items = try write(.styles, jobs: 2, into: directory, tracks: 3)
        #expect(items.count == 18)
        #expect(Set(items.map(\.label)) == Set(MusicStyle.allCases.map(\.rawValue)))
        let dataset = try SyntheticDataset(kind: .styles, tracksPerClass: 3)
        let genres = try SyntheticDataset(kind: .genres, tracksPerClass: 3)
        for track in 0..<8 { #expect(dataset.layout(ofTrack: track) == genres.layout(ofTrack: track)) }
        for item in items {
            let info = try AudioFile.info(item.url)
            #expect(
                info.sampleRate
                    == dataset.layout(ofTrack: Int(item.url.deletingPathExtension().pathExtension)!).sampleRate)
        }
    }

    @Test(arguments: [SyntheticDataset.Kind.phase, .styles])
    func outputDoesNotDependOnTheNumberOfJobsOrTheTime(kind: SyntheticDataset.Kind) throws {
        let one = TemporaryDirectory(), two = TemporaryDirectory()
        let a = try write(kind, jobs: 1, into: one)
        Thread.sleep(forTimeInterval: 1.1)  // a timestamp in a header (like WAV's PEAK chunk) would show
        let b = try write(kind, jobs: 2, into: two)
        #expect(a.map(\.relativePath) == b.map(\.relativePath))
        for (x, y) in zip(a, b) { #expect(try Data(contentsOf: x.url) == Data(contentsOf: y.url)) }
    }

    @Test func tracksOfAClassDiffer() throws {
        let directory = TemporaryDirectory()
        let items = try write(.genres, jobs: 2, into: directory)
        let techno = try items.filter { $0.label == "techno" }.map { try AudioFile.load($0.url).samples }
        #expect(techno[0] != techno[1])
    }

    @Test func badParametersAreQuoted() {
        #expect { try SyntheticDataset(kind: .genres, tracksPerClass: 0) } throws: {
            "\($0)".contains("tracks_per_class=0")
        }
        #expect { try SyntheticDataset(kind: .genres, seconds: -1) } throws: { "\($0)".contains("seconds=-1.0") }
    }
}
