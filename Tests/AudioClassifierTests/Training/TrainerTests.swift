import ComplexNN
import Foundation
import Testing

@testable import ClassifierSupport
@testable import Models
@testable import Training

@Suite(.serialized) struct TrainerTests {
    /// Same seed → bit-identical weights; another seed → different weights.
    @Test func aRunIsReproducibleFromItsSeed() throws {
        let dataset = try TinyDataset()
        let first = try dataset.train(TinyDataset.configuration(), into: "a")
        let again = try dataset.train(TinyDataset.configuration(), into: "b")
        let other = try dataset.train(TinyDataset.configuration(seed: 8), into: "c")
        #expect(stateDigest(first.model) == stateDigest(again.model))
        #expect(first.records.map(\.trainLoss) == again.records.map(\.trainLoss))
        #expect(stateDigest(first.model) != stateDigest(other.model))
    }

    /// "Same" = bit-identical weights, optimizer buffers and log (same OpenBLAS thread count):
    /// 1 epoch, then `--resume` to 3, equals 3 uninterrupted epochs — for SGD with momentum and
    /// for Adam (whose step count matters), with augmentation drawing from the random stream.
    /// Growing the epochs needs a constant rate (a schedule's length is the run's; the killed-run
    /// CLI test resumes a scheduled run).
    @Test(arguments: [OptimizerKind.sgd, .adam])
    func resumingGivesTheUninterruptedResult(optimizer: OptimizerKind) throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 3)
        c.recipe?.schedule = .constant
        c.augmentation.mixupAlpha = 0.4
        c.augmentation.timeMaskFrames = 4
        c.optimizer = optimizer
        c.learningRate = optimizer == .adam ? 0.003 : 0.01
        c.augmentation = Augmentation(shiftFrames: 2, gainDB: 3, snrDB: 20)
        let straight = try dataset.train(c, into: "straight")
        var short = c
        short.epochs = 1
        _ = try dataset.train(short, into: "resumed")
        let resumed = try dataset.train(c, into: "resumed", resume: true)
        #expect(resumed.records.map(\.epoch) == [1, 2, 3])
        #expect(resumed.records.map(\.trainLoss) == straight.records.map(\.trainLoss))
        #expect(resumed.records.map(\.validationAccuracy) == straight.records.map(\.validationAccuracy))
        #expect(resumed.keptEpoch == straight.keptEpoch)
        #expect(stateDigest(resumed.model) == stateDigest(straight.model))
        let last = { (name: String) throws -> SafeTensorsFile in
            try SafeTensorsFile.read(dataset.directory.file("\(name)/checkpoints/last.safetensors"))
        }
        #expect(
            try SHA256.hex(last("resumed").encode()) == SHA256.hex(last("straight").encode()),
            "weights, optimizer buffers and metadata")
    }

    /// With a learning-rate schedule the epoch count is part of the run: resuming with another is refused.
    @Test func aScheduledRunCannotGrowItsEpochs() throws {
        let dataset = try TinyDataset()
        var short = TinyDataset.configuration(epochs: 1)
        short.recipe?.schedule = .cosine
        _ = try dataset.train(short, into: "run")
        var longer = short
        longer.epochs = 2
        #expect { try dataset.train(longer, into: "run", resume: true) } throws: {
            "\($0)".contains("only with schedule constant")
        }
    }

    /// `keep: last` bundles the final epoch's weights; `best` those of the best validation epoch.
    @Test func keptWeightsFollowTheSelection() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 3)
        c.keep = .last
        let last = try dataset.train(c, into: "last")
        let model = try c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3).makeModel(seed: 0)
        _ = try Checkpoint.restore(
            from: dataset.directory.file("last/checkpoints/last.safetensors"), model: model, optimizer: nil)
        #expect(last.keptEpoch == 3 && stateDigest(last.model) == stateDigest(model))
        c.keep = .best
        let best = try dataset.train(c, into: "best")
        let records = best.records
        let top = records.filter { $0.validationAccuracy == records.map(\.validationAccuracy).max() }.min {
            $0.validationLoss < $1.validationLoss
        }!
        #expect(best.keptEpoch == top.epoch)
    }

    @Test func resumeRefusesAnotherRunsCheckpointOrNone() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 1)
        #expect(throws: TrainingError.self) { try dataset.train(c, into: "none", resume: true) }
        _ = try dataset.train(c, into: "run")
        c.learningRate = 0.02
        #expect { try dataset.train(c, into: "run", resume: true) } throws: { error in
            "\(error)".contains("other settings")
        }
    }

    /// An absurd learning rate makes the loss non-finite; the run stops naming epoch and batch.
    @Test func nonFiniteLossStopsTheRunNamingEpochAndBatch() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 3)
        c.learningRate = 1e6
        #expect { try dataset.train(c, into: "nan") } throws: { error in
            guard case .nonFiniteLoss(let epoch, let batch, let loss, _) = error as? TrainingError else { return false }
            let message = "\(error)"
            return epoch == 1 && batch > 1 && !loss.isFinite && message.contains("epoch 1, batch \(batch)")
        }
    }

    /// A NaN in epoch 2 leaves the checkpoint of epoch 1 untouched and says where it is. (The
    /// weights of epoch 1 are poisoned so that epoch 2 diverges at its first batch.)
    @Test func divergenceKeepsTheLastCheckpoint() throws {
        let dataset = try TinyDataset()
        var c = TinyDataset.configuration(epochs: 1)
        c.recipe?.schedule = .constant  // the resumed run grows its epochs
        _ = try dataset.train(c, into: "run")
        let url = dataset.directory.file("run/checkpoints/last.safetensors")
        let model = try c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3).makeModel(seed: 0)
        let optimizer = c.makeOptimizer(model.parameters())
        let state = try Checkpoint.restore(from: url, model: model, optimizer: optimizer)
        model.parameters()[0].real[0] = .nan
        try state.write(model: model, optimizer: optimizer, to: url)
        let kept = try Data(contentsOf: url)
        c.epochs = 2
        #expect { try dataset.train(c, into: "run", resume: true) } throws: { error in
            "\(error)".contains("epoch 2, batch 1") && "\(error)".contains("last good checkpoint kept: \(url.path)")
        }
        #expect(try Data(contentsOf: url) == kept)
    }
}
