import Foundation
import TestSupport
import Testing

/// `--verbose` / `--quiet` on every command: what each level lets through to stderr, their
/// conflict, and `audiocls run` passing its level to steps that give none.
@Suite struct VerbosityTests {
    let directory = TemporaryDirectory()

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(arguments, currentDirectory: directory.url)
    }

    /// A folder with one good WAV, one broken WAV and a text file.
    func inputFolder() throws -> String {
        let input = directory.file("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try WAVBytes.pcm16(WAVBytes.tone(frames: 22050, sampleRate: 22050), sampleRate: 22050)
            .write(to: input.appendingPathComponent("a.wav"))
        try Data("RIFF nonsense".utf8).write(to: input.appendingPathComponent("broken.wav"))
        try Data("notes".utf8).write(to: input.appendingPathComponent("notes.txt"))
        return "input"
    }

    /// Default: notes and errors, no debug lines. `--quiet`: errors only (and warnings). `--verbose`:
    /// also the debug detail, each line naming its area.
    @Test func eachLevelShowsWhatItPromises() throws {
        let input = try inputFolder()
        let extract = { (out: String, flags: [String]) in
            try self.run(["extract", "features", input, "--out", out, "--features", "mel"] + flags)
        }
        let plain = try extract("plain", [])
        #expect(plain.status == 1 && plain.stderr.contains("broken.wav:"), "\(plain.stderr)")
        #expect(plain.stderr.contains("extracted 1, up to date 0, failed 1 of 2 inputs"), "\(plain.stderr)")
        #expect(!plain.stderr.contains("debug "), "\(plain.stderr)")

        let quiet = try extract("quiet", ["--quiet"])
        #expect(quiet.status == 1)
        let lines = quiet.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("broken.wav:"), "only the error: \(quiet.stderr)")

        let verbose = try extract("verbose", ["--verbose"])
        #expect(verbose.status == 1 && verbose.stderr.contains("broken.wav:"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("extracted 1, up to date 0, failed 1 of 2 inputs"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("debug audiocls: feature settings hash "), "\(verbose.stderr)")
        #expect(
            verbose.stderr.contains("debug audiocls.datasets: ")
                && verbose.stderr.contains("input: 2 audio files; skipped 1 files that are not audio (notes.txt)"),
            "\(verbose.stderr)")
    }

    /// Both flags at once is a usage error (exit status 64) naming them.
    @Test func verboseAndQuietTogetherAreRefused() throws {
        for command in [["data", "synth", "x"], ["info", "a.wav"], ["run", "p.yaml"], ["evaluate"]] {
            let result = try run(command + ["--verbose", "--quiet"])
            #expect(result.status == 64, "\(command): \(result.stderr)")
            #expect(
                result.stderr.contains("Error: --verbose and --quiet contradict each other"),
                "\(command): \(result.stderr)")
        }
    }

    /// A step without `--verbose`/`--quiet` says as much as the pipeline: nothing but warnings and
    /// errors under `run --quiet`.
    @Test func stepsInheritThePipelinesLevel() throws {
        let pipeline = """
            name: x
            output: o
            steps:
              - name: a
                run: data synth o/data --tracks-per-class 1 --seconds 1
                outputs: [o/data/manifest.csv]
            """
        try Data(pipeline.utf8).write(to: directory.file("p.yaml"))
        let quiet = try run(["run", "p.yaml", "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        try FileManager.default.removeItem(at: directory.file("o"))
        let plain = try run(["run", "p.yaml"])
        #expect(plain.stderr.contains("[1/1] a: audiocls data synth") && plain.stderr.contains("wrote 5 tracks"))
    }

    /// Every command (`help` aside) takes `--verbose` and `--quiet`.
    @Test func everyCommandHasTheFlags() throws {
        for (path, flags) in try CommandTree.leaves() where path != ["help"] {
            #expect(flags.contains("verbose") && flags.contains("quiet"), "\(path): \(flags)")
        }
    }

    /// No option's help states its default twice (`(default: 1) (default: 1)`).
    @Test func helpStatesEachDefaultOnce() throws {
        for (path, _) in try CommandTree.leaves() {
            let help = try run(path + ["--help"])
            #expect(help.status == 0, "\(path): \(help.stderr)")
            for entry in CommandTree.helpEntries(help.stdout) {
                #expect(entry.components(separatedBy: "(default:").count <= 2, "\(path): \(entry)")
            }
        }
    }
}
