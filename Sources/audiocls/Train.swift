import ArgumentParser
import Bundles
import ClassifierSupport
import ComplexNN
import Datasets
import FeatureExtraction
import Foundation
import MPISupport
import Models
import PhaseGraph
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
    struct Genre: ParsableCommand {
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

                --config FILE.yaml sets any option by its name in snake case (batch_size: 16, lr: 0.001, \
                classes: [rock, jazz], …); options given on the command line win.
                """)

        @Argument(help: "Folders (ROOT/<label>/<file>) or CSV manifests.")
        var datasets: [String]

        @Option(
            help:
                "cvcnn (complex, the paper's), cnn (its real twin), gnn (phase-edge graph network) or linear (baseline: logistic regression on per-row mean/std). (default: cvcnn)"
        )
        var model: ModelKind?

        @Option(
            help:
                "Input feature: \(InputFeature.allCases.map(\.rawValue).joined(separator: ", ")). (default: logmel for the pooled cvcnn/cnn, mfcc for --architecture paper and linear, phase-coupling for gnn)"
        )
        var features: InputFeature?

        @Option(help: "Epochs. (default: 20; 40 for gnn)") var epochs: Int?
        @Option(help: "Segments per batch (the global batch, over all MPI ranks). (default: 32)") var batchSize: Int?
        @Option(
            help:
                "Cut each batch into N slices, each with its own BatchNorm statistics, gradients averaged (a multiple of the MPI ranks). (default: one per rank)"
        )
        var batchSlices: Int?
        @Option(help: "sgd, adam or adamw. (default: adamw; sgd for --architecture paper)") var optimizer:
            OptimizerKind?
        @Option(help: "Learning rate. (default: 0.002 for the pooled cvcnn/cnn, 0.01 otherwise)") var lr: Float?
        @Option(help: "SGD momentum. (default: 0.9)") var momentum: Float?
        @Option(
            help:
                "Weight decay (L2 for sgd/adam, decoupled for adamw). (default: 0.01 for the pooled cvcnn/cnn, 0 otherwise)"
        ) var weightDecay: Float?
        @Option(help: "Random seed: weights, split, shuffling, augmentation. (default: 0)") var seed: UInt64?
        @Option(help: "Fraction of each class's tracks for validation. (default: 0.1)") var val: Double?
        @Option(help: "Fraction of each class's tracks for testing. (default: 0.2)") var test: Double?
        @Option(help: "Segment length in seconds. (default: 3)") var segmentSeconds: Double?
        @Option(help: "Seconds between segment starts. (default: half a segment)") var segmentHop: Double?
        @Option(
            help:
                "Activation: \(ActivationKind.allCases.map(\.rawValue).joined(separator: ", ")). (default: cardioid for cvcnn, relu for cnn)"
        )
        var activation: ActivationKind?
        @Flag(help: "Widen the cnn twin to the real parameter count of the cvcnn (both counts are printed).")
        var matchParams = false
        @Option(help: "Comma-separated labels to train on (others are ignored). (default: all)") var classes: String?
        @Option(
            help:
                "Manifest column grouping tracks (source recording, artist, album): no group on two sides of a split. (default: the 'group' column if present)"
        )
        var groupBy: String?
        @Option(
            help:
                "cvcnn/cnn network: pooled (3×3 conv blocks, global pooling, dropout) or paper (the paper's CVCNN). (default: pooled)"
        )
        var architecture: ConvolutionalDesign?
        @Option(help: "pooled: channels of each block, comma-separated. (default: 16,32,64)") var channels: String?
        @Option(help: "pooled: dropout before the head, in [0, 1). (default: 0.3)") var dropout: Float?
        @Option(
            help:
                "pooled: global pooling — meanMax (mean over frequency, mean + max over time), timeMeanMax (mean + max over time, frequency kept) or average. (default: meanMax)"
        )
        var globalPooling: PooledCNNConfiguration.GlobalPooling?
        @Option(help: "paper: channels of the first convolution. (default: 10)") var conv1: Int?
        @Option(help: "paper: channels of the second convolution. (default: 20)") var conv2: Int?
        @Option(help: "paper: hidden features of the first linear layer. (default: 500)") var hidden: Int?
        @Option(help: "paper: convolution kernel size. (default: 2)") var kernel: Int?
        @Option(help: "Augment: random time shift of up to N frames (feature domain). (default: 0)") var augmentShift:
            Int?
        @Option(help: "Augment: random gain of up to ±DB on the standardised features. (default: 0)") var augmentGainDb:
            Float?
        @Option(help: "Augment: add noise at this SNR in dB to the standardised features. (default: none)")
        var augmentSnrDb: Float?
        @Option(help: "Augment (SpecAugment): two time masks of up to N frames each. (default: 0)")
        var augmentTimeMask: Int?
        @Option(help: "Augment (SpecAugment): two frequency masks of up to N rows each. (default: 0)")
        var augmentFreqMask: Int?
        @Option(help: "Augment: mixup of each batch with a shuffled copy, λ ~ Beta(A, A). (default: off)")
        var mixup: Float?
        @Option(help: "Learning rate over the run: cosine (warm-up, then cosine decay) or constant. (default: cosine)")
        var schedule: LearningRateScheduleKind?
        @Option(help: "Epochs of linear learning-rate warm-up (cosine schedule). (default: 1)") var warmupEpochs:
            Double?
        @Option(help: "Label smoothing ε in [0, 1). (default: 0.1)") var labelSmoothing: Float?
        @Option(help: "Class weights in the loss: balanced (inverse frequency) or none. (default: balanced)")
        var classWeights: ClassWeighting?
        @Option(help: "Stop after N epochs without a better validation epoch. (default: run every epoch)")
        var patience: Int?
        @Option(name: .customLong("sr"), help: "Sample rate, Hz. (default: 22050)") var sampleRate: Int?
        @Option(name: .customLong("n-fft"), help: "FFT size. (default: 2048; 256 for stft)") var nFFT: Int?
        @Option(help: "Hop in samples. (default: 512)") var hop: Int?
        @Option(
            name: .customLong("n-mels"),
            help: "Mel bands. (default: 13 for mfcc/phase-mfcc, 40 for logmel/complex-logmel)") var nMels: Int?
        @Option(name: .customLong("n-mfcc"), help: "MFCCs. (default: 13)") var nMFCC: Int?
        @Option(help: "gnn nodes: mfcc (one per row) or frames (time chunks). (default: mfcc)")
        var nodes: PhaseGraphConfiguration.NodeSet?
        @Option(
            help:
                "gnn mfcc-node features: series (the row over time) or statistics (shift-invariant: mean, std, modulation bands). (default: statistics)"
        )
        var nodeFeatures: PhaseGraphConfiguration.NodeFeatures?
        @Flag(
            inversion: .prefixedNo,
            help: "gnn: append a one-hot node index to the node features. (default: on)")
        var positional: Bool?
        @Option(
            help:
                "gnn edge weights: none (ablation), phaseDiff, plv, complex (Hermitian) or phaseAdvance (PLV of the phase advances). (default: plv)"
        )
        var edges: PhaseGraphConfiguration.EdgeWeighting?
        @Option(help: "gnn: time chunks for --nodes frames. (default: 16)") var chunks: Int?
        @Option(help: "gnn: connect nodes at most K apart (default: fully connected)") var neighbours: Int?
        @Flag(help: "gnn: learn a temperature on the phase similarity.") var learnableTemperature = false
        @Option(help: "gnn: graph convolutions. (default: 3)") var graphLayers: Int?
        @Option(help: "gnn: features per graph convolution. (default: 128)") var graphHidden: Int?
        @Option(help: "gnn readout: mean, max or attention. (default: max)")
        var readout: PhaseGraphConfiguration.Readout?
        @Flag(inversion: .prefixedNo, help: "gnn: residual connections between graph convolutions. (default: on)")
        var residual: Bool?
        @Option(help: "Weights kept in the bundle: best (on validation) or last (final epoch). (default: best)")
        var keep: EpochSelection?
        @Option(help: "YAML file with any of the options above (snake case keys).") var config: String?
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
        @Option(help: "Files extracted in parallel. (default: number of cores)") var jobs = ProcessInfo.processInfo
            .activeProcessorCount
        @Flag(help: "No progress bars.") var quiet = false
        @Option(
            help:
                "none, or mpi: this process is one rank of `mpirun -np N audiocls train genre … --distributed mpi` (needs a build with `--traits MPI`)."
        )
        var distributed: DistributedMode = .none

        func validate() throws {
            guard jobs > 0 else { throw ValidationError("--jobs \(jobs) must be positive") }
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

        /// `--out`, or a new folder named for the model, the feature and the time; refused (exit
        /// status 64) when it holds files and neither --overwrite nor --resume was given, or is a link.
        func destination(_ configuration: TrainingConfiguration) throws -> String {
            let out =
                self.out
                ?? BundleDestination.newFolder(
                    in: DefaultLocations().models, model: configuration.architecture.model.rawValue,
                    features: configuration.feature.rawValue)
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
            var cli = TrainingOverrides()
            (cli.model, cli.features, cli.epochs, cli.batch_size, cli.batch_slices, cli.optimizer) = (
                model, features, epochs, batchSize, batchSlices, optimizer
            )
            (cli.lr, cli.momentum, cli.weight_decay, cli.seed, cli.val, cli.test) = (
                lr, momentum, weightDecay, seed, val, test
            )
            (cli.segment_seconds, cli.segment_hop, cli.activation, cli.match_params) = (
                segmentSeconds, segmentHop, activation, matchParams ? true : nil
            )
            cli.group_by = groupBy
            (cli.architecture, cli.dropout, cli.global_pooling) = (architecture, dropout, globalPooling)
            cli.channels = try channels.map(Self.integers)
            cli.classes = classes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            (cli.conv1, cli.conv2, cli.hidden, cli.kernel) = (conv1, conv2, hidden, kernel)
            (cli.augment_shift, cli.augment_gain_db, cli.augment_snr_db) = (augmentShift, augmentGainDb, augmentSnrDb)
            (cli.augment_time_mask, cli.augment_freq_mask, cli.mixup) = (augmentTimeMask, augmentFreqMask, mixup)
            (cli.schedule, cli.warmup_epochs, cli.label_smoothing) = (schedule, warmupEpochs, labelSmoothing)
            (cli.class_weights, cli.patience) = (classWeights, patience)
            cli.keep = keep
            (cli.nodes, cli.edges, cli.chunks, cli.neighbours, cli.readout) = (
                nodes, edges, chunks, neighbours, readout
            )
            (cli.learnable_temperature, cli.residual) = (learnableTemperature ? true : nil, residual)
            (cli.graph_layers, cli.graph_hidden) = (graphLayers, graphHidden)
            (cli.node_features, cli.positional) = (nodeFeatures, positional)
            (cli.sr, cli.n_fft, cli.hop, cli.n_mels, cli.n_mfcc) = (sampleRate, nFFT, hop, nMels, nMFCC)
            let file =
                try config.map { try TrainingOverrides(yamlFile: URL(fileURLWithPath: $0)) } ?? TrainingOverrides()
            let configuration = try OptionSpelling.naming(
                config: config, commandLineKeys: OptionSpelling.keys(of: cli)
            ) { try file.overridden(by: cli).configuration() }
            let out = try destination(configuration)
            let items = try DatasetScanner.scan(datasets, groupColumn: configuration.groupBy)
            guard folds != nil || seeds != nil else {
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
            try trainRepeatedly(repeated, configuration: configuration, items: items, out: out)
        }

        /// One training into `out`; the manifest, or `nil` on MPI ranks other than 0.
        private func train(
            _ configuration: TrainingConfiguration, items: [DatasetItem], out: String,
            communicator: any Communicator = SingleProcessCommunicator()
        ) throws -> BundleManifest? {
            var training = GenreTraining(
                configuration: configuration, output: URL(fileURLWithPath: out),
                cache: FeatureCache(root: URL(fileURLWithPath: cacheOption.path), jobs: jobs))
            training.commandLine = Invocation.arguments
            training.progressStyle = quiet ? .quiet : .automatic
            training.log = { printError($0) }
            training.communicator = communicator
            return try training.run(items: items, resume: resume)
        }

        /// Every fold × seed run into `OUT/<run>/`, then the test accuracy of each and their mean ±
        /// sd, printed and written to `OUT/summary.json`.
        private func trainRepeatedly(
            _ repeated: RepeatedTraining, configuration: TrainingConfiguration, items: [DatasetItem], out: String
        ) throws {
            var entries: [RepeatedTraining.Summary.Entry] = []
            for run in repeated.runs {
                var c = configuration
                c.seed = run.seed
                let folder = URL(fileURLWithPath: out).appendingPathComponent(run.name).path
                printError("== \(run.name)")
                let manifest = try train(c, items: try repeated.items(for: run, from: items), out: folder)!
                print(Self.summary(manifest, out: folder))
                let test = manifest.test?.tracksByMeanProbability
                entries.append(
                    .init(
                        run: run.name, accuracy: test?.accuracy ?? .nan, macroF1: test?.macroF1 ?? .nan,
                        testTracks: test?.total ?? 0))
            }
            let summary = RepeatedTraining.Summary(entries: entries)
            let (accuracy, f1) = (summary.accuracy, summary.macroF1)
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

        /// `16,32,64` as integers; anything else is a usage error naming `--channels`.
        static func integers(_ text: String) throws -> [Int] {
            let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError(
                    "--channels \(text): expected positive integers separated by commas, e.g. 16,32,64")
            }
            return values.map { $0! }
        }

        /// The closing line: where the bundle went and its validation and test accuracy.
        static func summary(_ manifest: BundleManifest, out: String) -> String {
            var summary = "wrote \(out) (weights of epoch \(manifest.keptEpoch) of \(manifest.epochs))"
            if let v = manifest.validation {
                summary += String(format: "; validation track accuracy %.3f", v.tracksByMeanProbability.accuracy)
            }
            if let t = manifest.test {
                summary += String(
                    format: "; test accuracy: segments %.3f, tracks %.3f (majority %.3f), macro-F1 %.3f",
                    t.segments.accuracy, t.tracksByMeanProbability.accuracy, t.tracksByMajority.accuracy,
                    t.tracksByMeanProbability.macroF1)
            }
            return summary
        }
    }
}

extension ModelKind: ExpressibleByArgument {}
extension PhaseGraphConfiguration.NodeSet: ExpressibleByArgument {}
extension PhaseGraphConfiguration.NodeFeatures: ExpressibleByArgument {}
extension PhaseGraphConfiguration.EdgeWeighting: ExpressibleByArgument {}
extension PhaseGraphConfiguration.Readout: ExpressibleByArgument {}
extension InputFeature: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension ActivationKind: ExpressibleByArgument {}
extension EpochSelection: ExpressibleByArgument {}
extension ConvolutionalDesign: ExpressibleByArgument {}
extension PooledCNNConfiguration.GlobalPooling: ExpressibleByArgument {}
extension LearningRateScheduleKind: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}
extension DistributedMode: ExpressibleByArgument {}
