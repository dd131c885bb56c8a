import ComplexNN
import Foundation

/// The training loop. Writes into `directory`: `checkpoints/last.safetensors` after every epoch,
/// `checkpoints/best.safetensors` whenever validation accuracy (by segment) improves, or stays equal with a lower validation loss (every epoch
/// when there is no validation split), and `train-log.jsonl` (one ``EpochRecord`` per epoch).
///
/// Reproducibility: initial weights come from `seed`; epoch e shuffles and augments with its own
/// generator seeded from (seed, e), so a run resumed from the checkpoint after epoch e continues
/// exactly as the uninterrupted run would (weights, optimizer buffers and the random stream are
/// the same) and gives bit-identical weights, given the same OpenBLAS thread count.
public struct Trainer {
    public let configuration: TrainingConfiguration
    public let data: TrainingData
    public let architecture: ModelArchitecture
    public let directory: URL
    public var progressStyle: ProgressReporter.Style = .automatic
    /// Called after every epoch.
    public var onEpoch: (EpochRecord) -> Void = { _ in }

    public init(
        configuration: TrainingConfiguration, data: TrainingData, architecture: ModelArchitecture, directory: URL
    ) {
        (self.configuration, self.data, self.architecture, self.directory) = (
            configuration, data, architecture, directory
        )
    }

    public var lastCheckpoint: URL { directory.appendingPathComponent("checkpoints/last.safetensors") }
    public var bestCheckpoint: URL { directory.appendingPathComponent("checkpoints/best.safetensors") }
    public var logFile: URL { directory.appendingPathComponent("train-log.jsonl") }

    /// What training produced: the kept model (see ``TrainingConfiguration/keep``), the epoch its
    /// weights come from, and the log.
    public struct Outcome {
        public let model: any Module
        public let keptEpoch: Int
        public let records: [EpochRecord]
    }

    /// Trains for the configured epochs, or with `resume` continues from `lastCheckpoint`.
    public func run(resume: Bool) throws -> Outcome {
        let c = configuration
        try FileManager.default.createDirectory(
            at: lastCheckpoint.deletingLastPathComponent(), withIntermediateDirectories: true)
        let model = try architecture.makeModel(seed: c.seed)
        let optimizer = c.makeOptimizer(model.parameters())
        var state = Checkpoint(
            epochsCompleted: 0, bestEpoch: 0, bestValidationAccuracy: -1, bestValidationLoss: .infinity,
            resumeHash: c.resumeHash)
        if resume {
            guard FileManager.default.fileExists(atPath: lastCheckpoint.path) else {
                throw TrainingError.cannotResume("no checkpoint at \(lastCheckpoint.path)")
            }
            state = try Checkpoint.restore(from: lastCheckpoint, model: model, optimizer: optimizer)
            guard state.resumeHash == c.resumeHash else {
                throw TrainingError.cannotResume(
                    "\(lastCheckpoint.path) was written by a run with other settings (only --epochs may change)")
            }
            try EpochRecord.truncate(logFile, toEpochs: state.epochsCompleted)
        } else {
            try? FileManager.default.removeItem(at: logFile)
            try? FileManager.default.removeItem(at: lastCheckpoint)
            try? FileManager.default.removeItem(at: bestCheckpoint)
        }
        for epoch in state.epochsCompleted..<max(c.epochs, state.epochsCompleted) {
            let record = try trainEpoch(
                epoch, model: model, optimizer: optimizer, hasCheckpoint: state.epochsCompleted > 0)
            try record.append(to: logFile)
            state.epochsCompleted = epoch + 1
            if data.validation.segments.isEmpty || state.isImproved(by: record) {
                (state.bestEpoch, state.bestValidationAccuracy, state.bestValidationLoss) = (
                    epoch + 1, record.validationAccuracy, record.validationLoss
                )
                try state.write(model: model, optimizer: nil, to: bestCheckpoint)
            }
            try state.write(model: model, optimizer: optimizer, to: lastCheckpoint)
            onEpoch(record)
        }
        let kept = try architecture.makeModel(seed: c.seed)
        _ = try Checkpoint.restore(from: c.keep == .best ? bestCheckpoint : lastCheckpoint, model: kept, optimizer: nil)
        return Outcome(
            model: kept, keptEpoch: c.keep == .best ? state.bestEpoch : state.epochsCompleted,
            records: EpochRecord.read(logFile))
    }

    /// The generator of epoch `epoch` (0-based): shuffling and augmentation draw from it only.
    static func generator(seed: UInt64, epoch: Int) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1)))
    }

    private func trainEpoch(_ epoch: Int, model: any Module, optimizer: any Optimizer, hasCheckpoint: Bool) throws
        -> EpochRecord
    {
        let c = configuration, set = data.train, started = Date()
        var random = Self.generator(seed: c.seed, epoch: epoch)
        let order = Array(set.segments.indices).shuffled(using: &random)
        let progress = ProgressReporter(total: order.count, noun: "samples", style: progressStyle)
        let augmentation = c.augmentation.isActive ? c.augmentation : nil
        var (lossSum, correct) = (0.0, 0)
        model.train()
        for (batchIndex, start) in stride(from: 0, to: order.count, by: c.batchSize).enumerated() {
            let indices = Array(order[start..<min(start + c.batchSize, order.count)])
            let labels = indices.map { set.labels[set.segments[$0].track] }
            let logits = model(set.batch(indices, augmentation: augmentation, random: &random))
            let loss = logits.crossEntropy(labels: labels)
            guard loss.item.isFinite else {
                progress.finish()
                throw TrainingError.nonFiniteLoss(
                    epoch: epoch + 1, batch: batchIndex + 1, loss: loss.item,
                    checkpoint: hasCheckpoint ? lastCheckpoint.path : nil)
            }
            lossSum += Double(loss.item) * Double(indices.count)
            correct += zip(logits.argmaxRows(), labels).filter { $0 == $1 }.count
            model.zeroGrad()
            loss.backward()
            optimizer.step()
            progress.advance(by: indices.count)
        }
        progress.finish()
        let probabilities = SegmentClassifier.probabilities(model, data.validation)
        let validationLabels = data.validation.segmentLabels
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
