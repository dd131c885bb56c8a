import ArgumentParser
import Bundles
import ClassifierSupport
import Datasets
import FeatureExtraction
import Foundation
import Logging
import MPISupport
import Models
import Training

extension AudioCLS {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train models.",
            subcommands: [Genre.self])
    }
}

extension AudioCLS.Train {
    /// `audiocls train genre DATASET... --model cvcnn|cnn|gnn … --out models/NAME`
    struct Genre: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Train a genre classifier on labelled tracks and write a model bundle.",
            discussion: """
                DATASET is a folder-per-class tree (ROOT/<genre>/<track>, like GTZAN) or a CSV manifest \
                path,label[,split]. Tracks are split by track, stratified per class and seeded (--val, --test), \
                unless the manifest has a split column. Features are read through the shared cache \
                (--cache/<settings hash>/), extracted once; each track is cut into --segment-seconds segments \
                every --segment-hop seconds, the last one ending at the track's end so no frame is dropped (a \
                track shorter than one segment is one segment padded with the training mean), standardised per \
                row with training-split statistics; a track's prediction is the mean of its segments' probabilities.

                Writes OUT/model.safetensors + OUT/model.json (the bundle), OUT/train-log.jsonl and \
                OUT/checkpoints/{last,best}.safetensors. The bundle holds the weights of the best \
                validation epoch (--keep last: the final epoch). --resume continues from OUT/checkpoints/last.safetensors (only --epochs \
                may differ) and gives the same weights as an uninterrupted run. A NaN/Inf loss stops the run, \
                naming epoch and batch, keeping the last good checkpoint.

                --ensemble N trains N networks on the one split, one after the other, each with its own seed \
                derived from --seed (the first is the single model of --seed, in OUT; the others log and \
                checkpoint in OUT/member-K), and writes one bundle that predicts the mean of their class \
                probabilities; it prints the ensemble's figures and its members' validation accuracy. \
                --resume continues each member (one the stopped run had not reached starts afresh).

                --model A+B (e.g. cvcnn+gnn) trains each family, with its own defaults and the options given, \
                on the same split into OUT/A, OUT/B (each the bundle --model A alone writes), then writes \
                OUT/combination.json: `evaluate` and `predict` use OUT as one model, averaging the members' class \
                probabilities; it prints each member's figures and the average's.

                --config FILE.yaml sets any option by its name in snake case (batch_size: 16, lr: 0.001, \
                classes: [rock, jazz], …); options given on the command line win.
                """)

        @Argument(help: "Folders (ROOT/<label>/<file>) or CSV manifests.")
        var datasets: [String]

        @OptionGroup(title: "Training options") var options: TrainingOverrides

        @Option(help: "YAML file with any of the training options (snake case keys).") var config: String?
        @Option(
            help:
                "Output bundle folder; must not exist or be empty (see --overwrite, --resume). (default: a new folder MODELS/<model>-<features>-<date-time>, MODELS as for --model)"
        )
        var out: String?
        @Flag(help: "Train into an --out folder that already holds files (a bundle is replaced).") var overwrite = false
        @OptionGroup var cacheOption: CacheOption
        @Option(
            help:
                "K-fold cross-validation by group: K runs, each testing on one fold, into OUT/fold-K-seed-S; prints mean ± sd. (default: one run)"
        )
        var folds: Int?
        @Option(help: "Train once per seed (comma-separated) into OUT/seed-S; prints mean ± sd. (default: --seed)")
        var seeds: String?
        @Flag(help: "Continue a stopped run from OUT/checkpoints/last.safetensors.") var resume = false
        @OptionGroup var jobs: JobsOption
        @OptionGroup var verbosity: Verbosity
        @Option(
            help:
                "none, or mpi: this process is one rank of `mpirun -np N audiocls train genre … --distributed mpi` (needs a build with `--traits MPI`)."
        )
        var distributed: DistributedMode = .none

        func validate() throws {
            try distributed.checkAvailable()
            if distributed != .none && out == nil {
                throw ValidationError(
                    "--distributed \(distributed.rawValue) needs --out (every rank writes the same folder)")
            }
            if resume && out == nil { throw ValidationError("--resume needs --out: the folder of the run to continue") }
            if distributed != .none && (folds != nil || seeds != nil) {
                throw ValidationError("--folds and --seeds run one process each: not with --distributed")
            }
        }

        /// `--out`, or a new folder named for the models, the features and the time; refused (exit
        /// status 64) when it holds files and neither --overwrite nor --resume was given, or is a link.
        func destination(_ configurations: [TrainingConfiguration]) throws -> String {
            func joined(_ names: [String]) -> String {
                names.enumerated().filter { !names[..<$0.offset].contains($0.element) }.map(\.element)
                    .joined(separator: "+")
            }
            let out =
                self.out
                ?? BundleDestination.newFolder(
                    in: DefaultLocations().models, model: joined(configurations.map(\.architecture.model.rawValue)),
                    features: joined(configurations.map(\.feature.rawValue)))
            do { try BundleDestination.check(out, overwrite: overwrite, resume: resume) } catch {
                switch error {
                case .symbolicLink(let target):
                    throw OptionSpelling.usageFailure(
                        "--out \(out) is a symbolic link (to \(target)); training never writes through a link, which would replace the bundle it points to: give a new folder"
                    )
                case .notEmpty:
                    throw OptionSpelling.usageFailure(
                        "--out \(out) already holds files (a model?); give a new folder, or --overwrite to replace it, or --resume to continue its run"
                    )
                case .notAFolder: throw OptionSpelling.usageFailure("--out \(out) exists and is not a folder")
                }
            }
            return out
        }

        func run() throws {
            let configurations = try OptionSpelling.naming(config: config, commandLineKeys: options.setKeys) {
                let file = try config.map { try TrainingOverrides(yamlFile: URL(fileURLWithPath: $0)) } ?? .unset
                return try file.overridden(by: options).configurations()
            }
            let configuration = configurations[0]
            if configurations.count > 1 && distributed != .none {
                throw OptionSpelling.usageFailure(
                    "--model \(configurations.map(\.architecture.model.rawValue).joined(separator: "+")) trains the models one after the other: not with --distributed (train each with it, then use them together with `evaluate`/`predict --model A --model B`)"
                )
            }
            let out = try destination(configurations)
            let items = try DatasetScanner.scan(
                datasets, groupColumn: configuration.groupBy, holdOutColumn: configuration.holdOutBy)
            guard folds != nil || seeds != nil else {
                if configurations.count > 1 {
                    print(try trainTogether(configurations, items: items, out: out).summary)
                    return
                }
                try distributed.run { communicator in
                    guard let manifest = try train(configuration, items: items, out: out, communicator: communicator)
                    else { return }
                    print(Self.summary(manifest, out: out))
                }
                return
            }
            let repeated = try OptionSpelling.naming(config: config, commandLineKeys: ["folds", "seeds"]) {
                try RepeatedTraining(folds: folds, seeds: try seeds.map(Self.seedList) ?? [configuration.seed])
            }
            try trainRepeatedly(repeated, configurations: configurations, items: items, out: out)
        }

        /// One training into `out`; the manifest, or `nil` on MPI ranks other than 0.
        func train(
            _ configuration: TrainingConfiguration, items: [DatasetItem], out: String,
            communicator: any Communicator = SingleProcessCommunicator(), resume: Bool? = nil
        ) throws -> BundleManifest? {
            let resume = resume ?? self.resume
            var training = GenreTraining(
                configuration: configuration, output: URL(fileURLWithPath: out),
                cache: FeatureCache(root: URL(fileURLWithPath: cacheOption.path), jobs: jobs.count))
            training.commandLine = Invocation.arguments
            training.progressStyle = StandardErrorLog.progressStyle
            training.communicator = communicator
            let manifest = try training.run(items: items, resume: resume)
            if manifest != nil {
                try settleStaleMembers(of: configuration, in: URL(fileURLWithPath: out))
                try settleStale(
                    [ModelCombination.fileName], in: URL(fileURLWithPath: out),
                    what: "the list of models used together of an earlier run (`--model \(out)` would use those)")
            }
            return manifest
        }

        /// Member folders of an earlier, larger ensemble in `out`: removed with --overwrite (the
        /// user asked to replace the run), otherwise kept with a warning (--resume never deletes).
        private func settleStaleMembers(of configuration: TrainingConfiguration, in out: URL) throws {
            let stale = GenreTraining.staleMemberDirectories(beyond: configuration.memberCount, in: out)
            guard !stale.isEmpty else { return }
            let names = stale.map(\.lastPathComponent).joined(separator: ", ")
            if overwrite {
                for folder in stale { try FileManager.default.removeItem(at: folder) }
                Logger.cli.info(
                    "removed \(names) of the earlier run in \(out.path): this bundle has \(configuration.memberCount) member(s)"
                )
            } else {
                Logger.cli.warning(
                    "\(out.path) still holds \(names) from an earlier run: not part of this bundle of \(configuration.memberCount) member(s) (kept)"
                )
            }
        }

        /// Files of another kind of run in `out` (a combination's list beside a single bundle, or a
        /// single bundle's files beside a combination): removed with --overwrite (the user asked to
        /// replace the run), otherwise kept with a warning saying `what` they are.
        func settleStale(_ names: [String], in out: URL, what: String) throws {
            let stale = names.filter { FileManager.default.fileExists(atPath: out.appendingPathComponent($0).path) }
            guard !stale.isEmpty else { return }
            if overwrite {
                for name in stale { try FileManager.default.removeItem(at: out.appendingPathComponent(name)) }
                Logger.cli.info("removed \(stale.joined(separator: ", ")) of the earlier run in \(out.path)")
            } else {
                Logger.cli.warning("\(out.path) still holds \(stale.joined(separator: ", ")): \(what) (kept)")
            }
        }

        /// Every fold × seed run into `OUT/<run>/`, then the test accuracy of each and their mean ±
        /// sd, printed and written to `OUT/summary.json`.
        private func trainRepeatedly(
            _ repeated: RepeatedTraining, configurations: [TrainingConfiguration], items: [DatasetItem], out: String
        ) throws {
            var entries: [RepeatedTraining.Summary.Entry] = []
            for run in repeated.runs {
                let seeded = configurations.map {
                    var c = $0
                    c.seed = run.seed
                    return c
                }
                let folder = URL(fileURLWithPath: out).appendingPathComponent(run.name).path
                Logger.cli.info("== \(run.name)")
                let runItems = try repeated.items(for: run, from: items)
                guard seeded.count == 1 else {
                    let together = try trainTogether(seeded, items: runItems, out: folder)
                    print(together.summary)
                    entries.append(together.entry(run: run.name))
                    continue
                }
                let manifest = try train(seeded[0], items: runItems, out: folder)!
                print(Self.summary(manifest, out: folder))
                let test = manifest.test?.tracksByMeanProbability
                entries.append(
                    .init(
                        run: run.name, accuracy: test?.accuracy ?? .nan, macroF1: test?.macroF1 ?? .nan,
                        testTracks: test?.total ?? 0,
                        validationAccuracy: manifest.validation?.tracksByMeanProbability.accuracy,
                        memberValidationAccuracy: manifest.memberValidationAccuracies.map {
                            RepeatedTraining.Summary.meanAndSD($0).mean
                        }))
            }
            let summary = RepeatedTraining.Summary(entries: entries)
            let (accuracy, f1) = (summary.accuracy, summary.macroF1)
            if let validation = summary.validationAccuracy {
                print(
                    String(
                        format: "validation track accuracy %.3f ± %.3f (compare settings by this)", validation.mean,
                        validation.sd))
            }
            if let members = summary.memberValidationAccuracy {
                print(
                    String(
                        format: "members' validation track accuracy %.3f ± %.3f (each run's members averaged)",
                        members.mean, members.sd))
            }
            print(
                String(
                    format: "test track accuracy %.3f ± %.3f, macro-F1 %.3f ± %.3f (mean ± sd over %d runs)",
                    accuracy.mean, accuracy.sd, f1.mean, f1.sd, entries.count))
            let data = try JSONEncoder.sortedKeys.encode(summary)
            try data.write(to: URL(fileURLWithPath: out).appendingPathComponent("summary.json"), options: .atomic)
        }

        /// `0,1,2` as seeds; anything else is a usage error naming `--seeds`.
        static func seedList(_ text: String) throws -> [UInt64] {
            let values = text.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--seeds \(text): expected non-negative integers separated by commas, e.g. 0,1,2")
            }
            return values.map { $0! }
        }

        /// The closing line: where the bundle went and its validation and test accuracy; for an
        /// ensemble, the ensemble's, with its members' validation accuracy (mean ± sd) beside it.
        static func summary(_ manifest: BundleManifest, out: String) -> String {
            let ensemble = manifest.members.map { "ensemble of \($0.count); " } ?? ""
            let refit = manifest.training.refit == true
            var summary =
                "wrote \(out) (\(ensemble)weights of \(manifest.keptEpochsText)\(refit ? ", refitted on the training and validation tracks" : ""))"
            if let v = manifest.validation {
                summary += String(format: "; validation track accuracy %.3f", v.tracksByMeanProbability.accuracy)
                if refit { summary += " (before the refit)" }
            }
            if let members = manifest.memberValidationAccuracies.map(RepeatedTraining.Summary.meanAndSD) {
                summary += String(format: " (members %.3f ± %.3f)", members.mean, members.sd)
            }
            if let t = manifest.test {
                summary += String(
                    format: "; test accuracy: segments %.3f, tracks %.3f (majority %.3f), macro-F1 %.3f",
                    t.segments.accuracy, t.tracksByMeanProbability.accuracy, t.tracksByMajority.accuracy,
                    t.tracksByMeanProbability.macroF1)
                let scored = t.tracksByMeanProbability.total
                let testTracks = manifest.split.filter { $0.split == .test }.count
                if scored < testTracks {
                    summary +=
                        " on \(scored) of \(testTracks) test tracks (the others are copies of training or validation audio)"
                }
            }
            return summary
        }
    }
}

extension DistributedMode: ExpressibleByArgument {}
