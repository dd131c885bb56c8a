import Foundation
import TestSupport
import Testing

/// `audiocls run` on a reduced pipeline (seconds, not minutes): every step through the CLI, the
/// comparison table, the HTML report, the best model promoted to models/default, and a rerun that
/// skips what is current.
@Suite(.serialized) struct RunCommandTests {
    let directory = TemporaryDirectory()

    static let small =
        "--classes techno,noise --segment-seconds 0.5 --architecture paper --conv1 4 --conv2 6 --hidden 16 --batch-size 8 --val 0.25 --seed 1 --cache runs/t/cache --overwrite --quiet"

    func pipeline(epochs: Int = 2) -> String {
        """
        name: tiny
        output: runs/t
        steps:
          - name: genres
            run: data synth runs/t/genres --tracks-per-class 4 --seconds 2 --seed 3 --quiet
            outputs: [runs/t/genres/manifest.csv]
          - name: linear
            run: train genre runs/t/genres --model linear --out runs/t/models/linear \(Self.small)
            outputs: [runs/t/models/linear/model.json]
          - name: cvcnn
            run: train genre runs/t/genres --model cvcnn --epochs \(epochs) --seeds 1,2 --out runs/t/models/cvcnn \(Self.small)
            outputs: [runs/t/models/cvcnn/summary.json]
          - name: gnn
            run: train genre runs/t/genres --model gnn --features phase-mfcc --edges plv --graph-hidden 8 --epochs 2 --out runs/t/models/gnn \(Self.small)
            outputs: [runs/t/models/gnn/model.json]
        report:
          title: tiny
          compare:
            - {dataset: genres, model: linear, bundle: runs/t/models/linear}
            - {dataset: genres, model: cvcnn, bundle: runs/t/models/cvcnn}
            - {dataset: genres, model: gnn, bundle: runs/t/models/gnn}
          examples: [runs/t/genres/techno/techno.0000.wav]
          best_of: genres
          best: models/demo
          default: models/default
          predict: [runs/t/genres/noise/noise.0001.wav]
          phase_pairs: [{magnitude: cvcnn, phase: gnn}]
        """
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(arguments, currentDirectory: directory.url)
    }

    @Test func runsStepsReportsPromotesAndSkipsWhatIsCurrent() throws {
        try Data(pipeline().utf8).write(to: directory.file("tiny.yaml"))
        let first = try run(["run", "tiny.yaml"])
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("[4/4] gnn: audiocls train genre"))
        #expect(first.stderr.contains("genres: test acc (tracks) / macro-F1 / train s"))
        let table = first.stderr.split(separator: "\n")
        #expect(
            table.contains { $0.hasPrefix("cvcnn ") && $0.contains(" ± ") }, "two seeds: mean ± sd\n\(first.stderr)")
        #expect(table.contains { $0.hasPrefix("linear ") && !$0.contains(" ± ") }, "one run: a plain figure")
        let html = try String(contentsOf: directory.file("runs/t/report.html"), encoding: .utf8)
        #expect(html.contains("<table") && html.contains("data:image/png;base64,") && html.contains("<svg"))
        #expect(html.contains("runs/t/genres/noise/noise.0001.wav"), "the best model's prediction is shown")
        // The pair, read on validation: cvcnn's two seeds give mean ± sd, the gnn's one run a figure.
        let pair = try #require(
            first.stderr.split(separator: "\n").first { $0.contains("magnitude vs phase, genres: cvcnn: validation ") })
        #expect(pair.contains(" | gnn: validation ") && pair.contains(" → phase"), "\(pair)")
        #expect(html.contains("<h2>Magnitude-only vs phase-aware</h2>") && html.contains("with a single run"))

        // models/default now points at the best model: a bare predict uses it.
        let predicted = try run(["predict", "runs/t/genres/techno/techno.0002.wav", "--csv"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        #expect(predicted.stdout.hasPrefix("path,label,"))

        let second = try run(["run", "tiny.yaml"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.components(separatedBy: "up to date, skipped").count - 1 == 4, "\(second.stderr)")

        try Data(pipeline(epochs: 3).utf8).write(to: directory.file("tiny.yaml"))
        let changed = try run(["run", "tiny.yaml", "--verbose"])
        #expect(changed.stderr.contains("[1/4] genres: up to date, skipped"))
        #expect(changed.stderr.contains("[3/4] cvcnn: audiocls train"), "a changed command reruns")
        #expect(changed.stderr.contains("[4/4] gnn: audiocls train"), "and so does every later step")
        #expect(changed.stderr.contains("debug audiocls.pipelines: [3/4] cvcnn runs: its command changed"))
        #expect(changed.stderr.contains("debug audiocls.pipelines: [4/4] gnn runs: a step before it ran"))
        #expect(!changed.stderr.contains("epoch 1/"), "the steps' own --quiet wins over the pipeline's --verbose")
    }

    @Test func badPipelinesNameTheFileAndTheProblem() throws {
        try Data("name: x\noutput: 3\nsteps:\n  - name: a\n    run: [1, 2\n".utf8).write(
            to: directory.file("broken.yaml"))
        let broken = try run(["run", "broken.yaml"])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("broken.yaml"), "\(broken.stderr)")

        try Data("name: x\noutput: o\nsteps:\n  - run: info a.wav\n".utf8).write(to: directory.file("nameless.yaml"))
        let nameless = try run(["run", "nameless.yaml"])
        #expect(nameless.stderr.contains("missing key 'name' at steps.0"), "\(nameless.stderr)")

        try Data("name: x\noutput: o\nsteps:\n  - name: a\n    run: info missing.wav\n".utf8).write(
            to: directory.file("failing.yaml"))
        let failing = try run(["run", "failing.yaml"])
        #expect(failing.status != 0)
        #expect(failing.stderr.contains("step 'a' failed"), "\(failing.stderr)")
    }

    /// A `run:` string is split like a POSIX shell (quotes kept together), a misspelt key is
    /// refused with the valid ones listed, and every YAML error names its line and column.
    @Test func stepsAreShellWordsAndMistakesNameTheirLine() throws {
        let quoted = """
            name: x
            output: o
            steps:
              - name: a
                run: data synth "o/two words" --tracks-per-class 1 --seconds 1 --quiet
                outputs: ["o/two words/manifest.csv"]
            """
        try Data(quoted.utf8).write(to: directory.file("quoted.yaml"))
        let ran = try run(["run", "quoted.yaml"])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stderr.contains("audiocls data synth 'o/two words' --tracks-per-class"), "\(ran.stderr)")

        try Data(quoted.replacingOccurrences(of: "outputs:", with: "outptus:").utf8).write(
            to: directory.file("typo.yaml"))
        let typo = try run(["run", "typo.yaml"])
        #expect(typo.status != 0)
        #expect(
            typo.stderr.contains("typo.yaml:6:5: unknown key 'outptus' in step 'a' (valid: name, run, outputs)"),
            "\(typo.stderr)")

        try Data("name: x\noutput: 3\nsteps:\n  - name: a\n    run: [1, 2\n".utf8).write(
            to: directory.file("broken.yaml"))
        #expect(try run(["run", "broken.yaml"]).stderr.contains("broken.yaml:6:1: not valid YAML"))
        try Data("name: x\noutput: o\nsteps:\n  - name: a\n    run: info \"open\n".utf8).write(
            to: directory.file("open.yaml"))
        let open = try run(["run", "open.yaml"])
        #expect(
            open.stderr.contains("open.yaml:5:10:") && open.stderr.contains("quote is not closed"), "\(open.stderr)")
    }
}
