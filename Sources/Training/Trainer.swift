import ClassifierSupport
import ComplexNN
import Foundation
import Models

/// The training loop. Writes into `directory`: `checkpoints/last.safetensors` after every epoch,
/// `checkpoints/best.safetensors` whenever validation accuracy (by segment) improves, or stays equal with a lower validation loss (every epoch
/// when there is no validation split), and `train-log.jsonl` (one ``EpochRecord`` per epoch).
///
/// Reproducibility: initial weights come from `seed`; epoch e shuffles and augments with its own
/// generator seeded from (seed, e), so a run resumed from the checkpoint after epoch e continues
/// exactly as the uninterrupted run would (weights, optimizer buffers and the random stream are
/// the same) and gives bit-identical weights, given the same OpenBLAS thread count.
///
/// Data-parallel: with a ``Communicator`` of several ranks every rank runs this loop on the same
/// data and seed, computes its slices of every global batch and exchanges gradients once per step
/// (``GradientExchange``); the weights stay identical on all ranks (checked with a checksum after
/// every epoch). Rank 0 alone validates and writes the log and checkpoints; the others read
/// `lastCheckpoint` to resume, so `directory` must be on a file system every rank sees.
public struct Trainer {
    public let configuration: TrainingConfiguration
    public let data: TrainingData
    public let architecture: ModelArchitecture
    public let directory: URL
    public var progressStyle: ProgressReporter.Style = .automatic
    /// Written before the progress bar (an ensemble member's `member 2/3: `; default none).
    public var progressLabel = ""
    /// The group of processes sharing each batch (default: this process alone).
    public var communicator: any Communicator = SingleProcessCommunicator()
    /// Called after every epoch (on rank 0 only).
    public var onEpoch: (EpochRecord) -> Void = { _ in }
    /// The weights a run from the start begins with (``TrainingConfiguration/initFrom``); `nil`:
    /// the random initialisation of the seed.
    var start: WeightTransfer? = nil

    public init(
        configuration: TrainingConfiguration, data: TrainingData, architecture: ModelArchitecture, directory: URL
    ) {
        (self.configuration, self.data, self.architecture, self.directory) = (
            configuration, data, architecture, directory
        )
    }

    public var lastCheckpoint: URL { Self.lastCheckpoint(in: directory) }
    /// The checkpoint a run in `directory` resumes from.
    public static func lastCheckpoint(in directory: URL) -> URL {
        directory.appendingPathComponent("checkpoints/last.safetensors")
    }
    public var bestCheckpoint: URL { directory.appendingPathComponent("checkpoints/best.safetensors") }
    public var logFile: URL { directory.appendingPathComponent("train-log.jsonl") }

    /// What training produced: the kept model (see ``TrainingConfiguration/keep``), the epoch its
    /// weights come from, and the log. On ranks other than 0: the final weights, no records.
    public struct Outcome {
        public let model: any Module
        public let keptEpoch: Int
        public let records: [EpochRecord]
        /// What the per-step gradient exchange cost on this rank.
        public let communication: CommunicationStatistics
    }

    /// The slices each global batch is cut into: ``TrainingConfiguration/batchSlices``, or one
    /// per rank; throws unless it is a multiple of the number of ranks.
    public var sliceCount: Int {
        get throws {
            let slices = configuration.batchSlices ?? communicator.size
            guard slices % communicator.size == 0 else {
                throw ConfigurationError(
                    key: "batch_slices", value: "\(slices)",
                    reason: "must be a multiple of the \(communicator.size) processes")
            }
            return slices
        }
    }

    /// Trains for the configured epochs, or with `resume` continues from `lastCheckpoint`.
    public func run(resume: Bool) throws -> Outcome {
        let c = configuration, root = communicator.isRoot
        if root {
            try FileManager.default.createDirectory(
                at: lastCheckpoint.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let model = try initialModel(resume: resume)
        if let model = model as? StatisticsClassifier { return try fitStatistics(model) }
        let optimizer = c.makeOptimizer(model.parameters())
        let exchange = GradientExchange(
            model: model, slicing: BatchSlicing(count: try sliceCount), communicator: communicator)
        var state = Checkpoint(
            epochsCompleted: 0, bestEpoch: 0, bestValidationAccuracy: -1, bestValidationLoss: .infinity,
            resumeHash: c.resumeHash)
        if resume {
            guard FileManager.default.fileExists(atPath: lastCheckpoint.path) else {
                throw TrainingError.noCheckpoint(path: lastCheckpoint.path)
            }
            state = try Checkpoint.restore(from: lastCheckpoint, model: model, optimizer: optimizer)
            guard state.resumeHash == c.resumeHash else {
                throw TrainingError.otherSettings(path: lastCheckpoint.path)
            }
            if root { try EpochRecord.truncate(logFile, toEpochs: state.epochsCompleted) }
        } else if root {
            try? FileManager.default.removeItem(at: logFile)
            try? FileManager.default.removeItem(at: lastCheckpoint)
            try? FileManager.default.removeItem(at: bestCheckpoint)
        }
        try StateChecksum.verifyIdentical(model, communicator: communicator, after: "at the start")
        for epoch in state.epochsCompleted..<max(c.epochs, state.epochsCompleted) {
            if let patience = c.recipe?.patience, !data.validation.segments.isEmpty, state.bestEpoch > 0,
                epoch - state.bestEpoch >= patience
            {
                break  // `patience` epochs since the best validation epoch: stop early
            }
            let record = try trainEpoch(
                epoch, model: model, optimizer: optimizer, exchange: exchange, hasCheckpoint: state.epochsCompleted > 0)
            try StateChecksum.verifyIdentical(model, communicator: communicator, after: "epoch \(epoch + 1)")
            state.epochsCompleted = epoch + 1
            guard root else { continue }
            try record.append(to: logFile)
            if data.validation.segments.isEmpty || state.isImproved(by: record) {
                (state.bestEpoch, state.bestValidationAccuracy, state.bestValidationLoss) = (
                    epoch + 1, record.validationAccuracy, record.validationLoss
                )
                try state.write(model: model, optimizer: nil, to: bestCheckpoint)
            }
            try state.write(model: model, optimizer: optimizer, to: lastCheckpoint)
            onEpoch(record)
        }
        guard root else {
            return Outcome(
                model: model, keptEpoch: state.epochsCompleted, records: [], communication: exchange.statistics)
        }
        let kept = try architecture.makeModel(seed: c.seed)
        _ = try Checkpoint.restore(from: c.keep == .best ? bestCheckpoint : lastCheckpoint, model: kept, optimizer: nil)
        return Outcome(
            model: kept, keptEpoch: c.keep == .best ? state.bestEpoch : state.epochsCompleted,
            records: EpochRecord.read(logFile), communication: exchange.statistics)
    }

    /// A fresh network of the run's architecture: the seed's random start, then ``start``'s
    /// weights unless the run resumes (the checkpoint then has the weights).
    private func initialModel(resume: Bool) throws -> any Module {
        let model = try architecture.makeModel(seed: configuration.seed)
        if !resume, let start { try start.apply(to: model) }
        return model
    }

    /// The loss weight of each class (see ``TrainingRecipe/classWeighting``), from the training segments.
    var classWeights: [Float]? {
        configuration.recipe?.classWeighting.weights(labels: data.train.segmentLabels, classes: data.labels.count)
    }

    /// The generator of epoch `epoch` (0-based): shuffling and augmentation draw from it only.
    static func generator(seed: UInt64, epoch: Int) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1)))
    }

    private func trainEpoch(
        _ epoch: Int, model: any Module, optimizer: any Optimizer, exchange: GradientExchange, hasCheckpoint: Bool
    ) throws -> EpochRecord {
        let c = configuration, set = data.train, started = Date()
        var random = Self.generator(seed: c.seed, epoch: epoch)
        let order = Array(set.segments.indices).shuffled(using: &random)
        let progress = ProgressReporter(total: order.count, noun: "samples", style: progressStyle, label: progressLabel)
        let augmentation = c.augmentation.isActive ? c.augmentation : nil
        let mixup = c.augmentation.mixupAlpha.map(Mixup.init), classWeights = self.classWeights
        let mixStyle = c.augmentation.mixStyleProbability.map(FrequencyMixStyle.init)
        let stepsPerEpoch = (order.count + c.batchSize - 1) / c.batchSize
        let schedule = c.recipe?.schedule(
            learningRate: c.learningRate, epochs: c.epochs, stepsPerEpoch: stepsPerEpoch)
        var (lossSum, correct) = (0.0, 0)
        model.train()
        for (batchIndex, start) in stride(from: 0, to: order.count, by: c.batchSize).enumerated() {
            let stepStarted = Date()
            let indices = Array(order[start..<min(start + c.batchSize, order.count)])
            var targets = BatchTargets(
                labels: indices.map { set.labels[set.segments[$0].track] },
                labelSmoothing: c.recipe?.labelSmoothing ?? 0, classWeights: classWeights)
            // Every rank assembles the whole batch, so augmentation draws the same random stream.
            var batch = set.batch(indices, augmentation: augmentation, random: &random)
            if let mixStyle { batch = mixStyle.apply(batch, using: &random) }
            if let mixup { (batch, targets.mixed) = mixup.mix(batch, labels: targets.labels, using: &random) }
            if let schedule { optimizer.learningRate = schedule.learningRate(step: epoch * stepsPerEpoch + batchIndex) }
            let dropoutSeed = c.seed ^ (0xBF58_476D_1CE4_E5B9 &* UInt64(epoch * stepsPerEpoch + batchIndex + 1))
            let global = try Self.computeGradients(
                of: model, batch: batch, targets: targets, dropoutSeed: dropoutSeed, exchange: exchange)
            guard global.loss.isFinite else {
                progress.finish()
                throw TrainingError.nonFiniteLoss(
                    epoch: epoch + 1, batch: batchIndex + 1, loss: global.loss,
                    checkpoint: hasCheckpoint ? lastCheckpoint.path : nil)
            }
            lossSum += Double(global.loss) * Double(indices.count)
            correct += global.correct
            optimizer.step()
            exchange.recordStep(seconds: Date().timeIntervalSince(stepStarted))
            progress.advance(by: indices.count)
        }
        progress.finish()
        let validation =
            communicator.isRoot
            ? data.validation : SegmentSet(tracks: [], labels: [], layout: data.validation.layout)
        let probabilities = SegmentClassifier.probabilities(model, validation)
        let validationLabels = validation.segmentLabels
        let validationCorrect = zip(probabilities.map(SegmentClassifier.argmax), validationLabels).filter { $0 == $1 }
            .count
        let seconds = Date().timeIntervalSince(started)
        return EpochRecord(
            epoch: epoch + 1, trainLoss: lossSum / Double(max(order.count, 1)),
            trainAccuracy: Double(correct) / Double(max(order.count, 1)),
            validationLoss: SegmentClassifier.meanLoss(probabilities, labels: validationLabels),
            validationAccuracy: Double(validationCorrect) / Double(max(validationLabels.count, 1)),
            learningRate: optimizer.learningRate, seconds: seconds,
            samplesPerSecond: Double(order.count) / max(seconds, 1e-9))
    }
}
