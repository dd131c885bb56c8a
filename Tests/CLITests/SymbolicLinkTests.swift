import Foundation
import TestSupport
import Testing

/// An input reached through a symbolic link is stamped by the file it points to (size, time,
/// resolved path): a changed target is extracted again, never reported up to date.
@Suite struct SymbolicLinkTests {
    let directory = TemporaryDirectory()

    func extract() throws -> CommandResult {
        try CommandRunner.run(
            ["extract", "features", "input", "--out", "features", "--features", "mel"],
            currentDirectory: directory.url)
    }

    @Test func aChangedTargetIsExtractedAgain() throws {
        let input = directory.file("input"), target = directory.file("a.wav")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try WAVBytes.pcm16(WAVBytes.tone(frames: 22050, sampleRate: 22050), sampleRate: 22050).write(to: target)
        try FileManager.default.createSymbolicLink(
            at: input.appendingPathComponent("link.wav"), withDestinationURL: target)
        let first = try extract()
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("extracted 1, up to date 0"), "\(first.stderr)")
        #expect(try extract().stderr.contains("extracted 0, up to date 1"))
        let index = try String(contentsOf: directory.file("features/index.jsonl"), encoding: .utf8)
        #expect(index.contains("\"inputTarget\":\"\(target.path)\""), "\(index)")

        // New content in the target (another length, a later time); the link itself is untouched.
        try WAVBytes.pcm16([Float](repeating: 0.25, count: 11025), sampleRate: 22050).write(to: target)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: target.path)
        let changed = try extract()
        #expect(changed.stderr.contains("extracted 1, up to date 0"), "\(changed.stderr)")

    }
}
