import ClassifierSupport
import Foundation
import Logging
import Models

extension GenreTraining {
    /// Where member `index` (0-based) of a run into `output` trains — its `train-log.jsonl` and
    /// `checkpoints/`: `output` itself for the first member, so that a single model's run is the
    /// first member of any ensemble of its settings, and `output/member-K` (K = index + 1) for the
    /// others.
    public static func memberDirectory(_ index: Int, in output: URL) -> URL {
        index == 0 ? output : output.appendingPathComponent("member-\(index + 1)")
    }

    /// The `member-K` folders in `output` with K > `count`, in order: left by an earlier run of a
    /// larger ensemble into the same folder, and not part of a bundle of `count` members.
    public static func staleMemberDirectories(beyond count: Int, in output: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("member-"), let k = Int(name.dropFirst("member-".count)), k > count else { return nil }
            return (k, output.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Trains member `index` of the ensemble (the model, for a single one) with its own seed
    /// (``TrainingConfiguration/member(_:)``) on `data`, in ``memberDirectory(_:in:)``. With
    /// `resume`, the first member continues from its checkpoint (which must exist) and a later
    /// member from its own, or from the start when the stopped run had not reached it.
    func trainMember(
        _ index: Int, data: TrainingData, architecture: ModelArchitecture, start: WeightTransfer?,
        configuration c: TrainingConfiguration, resume: Bool, logger: Logger
    ) throws -> Trainer.Outcome {
        let name = c.memberCount == 1 ? "" : "member \(index + 1)/\(c.memberCount): "
        if c.memberCount > 1 {
            logger.info(
                "\(name)seed \(c.member(index).seed), log and checkpoints in \(Self.memberDirectory(index, in: output).path)"
            )
        }
        return try train(
            c.member(index), data: data, architecture: architecture, start: start,
            directory: Self.memberDirectory(index, in: output), name: name, resume: resume && index == 0,
            logger: logger, resumeIfStarted: resume)
    }

    /// Trains member `index` again (``TrainingConfiguration/refit``) from the start on `data` —
    /// the training and validation tracks together — for `epochs` (what validation chose), in
    /// `refit/` of the member's folder.
    func refitMember(
        _ index: Int, epochs: Int, data: TrainingData, architecture: ModelArchitecture, start: WeightTransfer?,
        configuration c: TrainingConfiguration, resume: Bool, logger: Logger
    ) throws -> Trainer.Outcome {
        let name = c.memberCount == 1 ? "refit: " : "member \(index + 1)/\(c.memberCount) refit: "
        return try train(
            c.member(index).refitted(epochs: epochs), data: data, architecture: architecture, start: start,
            directory: Self.memberDirectory(index, in: output).appendingPathComponent("refit"), name: name,
            resume: false, logger: logger, resumeIfStarted: resume)
    }

    /// Trains `member` on `data` in `directory`, its notes prefixed by `name`. With `resume` it
    /// continues from its checkpoint (which must exist); with `resumeIfStarted`, from its
    /// checkpoint when one exists (a later member, a refit), else from the start.
    private func train(
        _ member: TrainingConfiguration, data: TrainingData, architecture: ModelArchitecture, start: WeightTransfer?,
        directory: URL, name: String, resume: Bool, logger: Logger, resumeIfStarted: Bool = false
    ) throws -> Trainer.Outcome {
        let root = communicator.isRoot
        var trainer = Trainer(configuration: member, data: data, architecture: architecture, directory: directory)
        (trainer.progressStyle, trainer.progressLabel) = (root ? progressStyle : .quiet, name)
        (trainer.communicator, trainer.start) = (communicator, start)
        // The linear baseline is fitted at once, not in epochs.
        let epochs = member.architecture.model == .linear ? 1 : member.epochs
        trainer.onEpoch = { r in
            let line = String(
                format: "epoch %d/%d  train loss %.4f acc %.3f  val loss %.4f acc %.3f  %.1f s (%.0f samples/s)",
                r.epoch, epochs, r.trainLoss, r.trainAccuracy, r.validationLoss, r.validationAccuracy, r.seconds,
                r.samplesPerSecond)
            logger.info("\(name)\(line)")
        }
        logger.debug("\(name)training settings hash \(member.resumeHash.prefix(16)) (a resumed run must have the same)")
        let started = Date()
        let resumes = resume || (resumeIfStarted && FileManager.default.fileExists(atPath: trainer.lastCheckpoint.path))
        let outcome = try trainer.run(resume: resumes)
        guard root else { return outcome }
        logger.debug(
            "\(name)training took \(Self.seconds(since: started)); epochs run: \(outcome.records.count); the bundle keeps epoch \(outcome.keptEpoch) (keep: \(member.keep.rawValue))"
        )
        if !(communicator is SingleProcessCommunicator) {
            logger.info("\(name)\(outcome.communication.summary(ranks: communicator.size))")
        }
        return outcome
    }
}
