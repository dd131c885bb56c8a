import ComplexNN
import Foundation
import Models

extension Trainer {
    /// `--model linear`: fits the ``StatisticsClassifier`` to the optimum of its convex objective
    /// on every training segment at once (no epochs, batches, augmentation or checkpoints; a
    /// resumed run fits again) and writes one ``EpochRecord`` to the log.
    func fitStatistics(_ model: StatisticsClassifier) throws -> Outcome {
        let started = Date(), set = data.train
        var random = SeededGenerator(seed: configuration.seed)
        let segments = set.batch(Array(set.segments.indices), random: &random)
        let fit = model.fit(segments: segments, labels: set.segmentLabels)
        let training = SegmentClassifier.probabilities(model, set)
        let validation = SegmentClassifier.probabilities(model, data.validation)
        func accuracy(_ probabilities: [[Float]], _ labels: [Int]) -> Double {
            Double(zip(probabilities.map(SegmentClassifier.argmax), labels).filter { $0 == $1 }.count)
                / Double(max(labels.count, 1))
        }
        let seconds = Date().timeIntervalSince(started)
        let record = EpochRecord(
            epoch: 1, trainLoss: Double(fit.loss), trainAccuracy: accuracy(training, set.segmentLabels),
            validationLoss: SegmentClassifier.meanLoss(validation, labels: data.validation.segmentLabels),
            validationAccuracy: accuracy(validation, data.validation.segmentLabels), learningRate: 0,
            seconds: seconds, samplesPerSecond: Double(set.segments.count) / max(seconds, 1e-9))
        if communicator.isRoot {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: logFile)
            try record.append(to: logFile)
            onEpoch(record)
        }
        return Outcome(model: model, keptEpoch: 1, records: [record], communication: CommunicationStatistics())
    }
}
