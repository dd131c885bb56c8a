import Foundation
import TestSupport
import Testing

@testable import AudioIO

/// `AudioFile.contents(of:limit:)`: a small file's bytes, read once, or `nil` for a large one;
/// bad paths get the typed errors `info` and `load` give for them.
@Suite struct FileContentsTests {
    let directory = TemporaryDirectory()

    private func tone(_ name: String) throws -> URL {
        let url = directory.file(name)
        try AudioFile.write(TestSignals.chord(frames: 3000, channels: 2, sampleRate: 22050), to: url, format: .wavPCM16)
        return url
    }

    @Test func aSmallFileIsReadWholeAndDecodesAsTheFileDoes() throws {
        let url = try tone("tone.wav")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let bytes = try #require(try AudioFile.contents(of: url, limit: size))
        #expect(bytes == (try Data(contentsOf: url)))
        #expect(try AudioFile.load(data: bytes, name: url.path) == (try AudioFile.load(url)))
    }

    /// A container libsndfile knows by its first bytes decodes alike from memory; other bytes
    /// do not (libsndfile also goes by the file name for them: a headerless `.mp3` or `.gsm`).
    @Test func onlyContainersKnownByContentDecodeAlikeFromMemory() throws {
        let wav = try #require(try AudioFile.contents(of: try tone("tone.wav"), limit: 1 << 20))
        #expect(AudioFile.decodesAlike(fromMemory: wav))
        #expect(AudioFile.decodesAlike(fromMemory: Data("fLaC and the rest".utf8)))
        #expect(!AudioFile.decodesAlike(fromMemory: Data([0xFF, 0xFB, 0x90, 0x64, 0x00])))
        #expect(!AudioFile.decodesAlike(fromMemory: Data("RIF".utf8)))
    }

    @Test func aFileOverTheLimitIsNotRead() throws {
        let url = try tone("long.wav")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(try AudioFile.contents(of: url, limit: size - 1) == nil)
    }

    @Test func badPathsGetTheErrorsOfInfo() throws {
        let folder = directory.file("folder.wav")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let empty = directory.file("empty.wav")
        try Data().write(to: empty)
        let loop = directory.file("loop.wav")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)
        for url in [directory.file("missing.wav"), folder, empty, loop] {
            let read = caughtError { try AudioFile.contents(of: url, limit: 1 << 20) }
            #expect(read != nil && read == caughtError { try AudioFile.info(url) }, "\(url.lastPathComponent)")
        }
    }

    /// Opening a FIFO for reading waits for a writer unless it is opened non-blocking: it is
    /// refused at once, as empty (its size is 0), as `info` refuses it.
    @Test(.timeLimit(.minutes(1))) func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let fifo = directory.file("pipe.wav")
        try #require(mkfifo(fifo.path, 0o644) == 0)
        #expect(caughtError { try AudioFile.contents(of: fifo, limit: 1 << 20) } == .emptyFile(path: fifo.path))
    }
}
