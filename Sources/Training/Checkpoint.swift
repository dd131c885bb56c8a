import Bundles
import ClassifierSupport
import ComplexNN
import Foundation

/// A training checkpoint, one safetensors file written atomically: the model's parameters and
/// buffers (`model.*`), the optimizer's buffers (`optimizer.*`) and, in the metadata, the epochs
/// completed, the optimizer's step count, the best validation accuracy and loss so far and the run's
/// ``TrainingConfiguration/resumeHash``. The random state needs no storing: every epoch draws
/// from a generator seeded by (seed, epoch), see ``Trainer``.
public struct Checkpoint {
    public var epochsCompleted: Int
    public var bestEpoch: Int
    public var bestValidationAccuracy: Double
    public var bestValidationLoss: Double
    public var resumeHash: String

    public init(
        epochsCompleted: Int, bestEpoch: Int, bestValidationAccuracy: Double, bestValidationLoss: Double,
        resumeHash: String
    ) {
        (self.epochsCompleted, self.bestEpoch, self.resumeHash) = (epochsCompleted, bestEpoch, resumeHash)
        (self.bestValidationAccuracy, self.bestValidationLoss) = (bestValidationAccuracy, bestValidationLoss)
    }

    /// Whether `record` beats the best epoch so far: higher validation accuracy, or equal
    /// accuracy and lower validation loss.
    public func isImproved(by record: EpochRecord) -> Bool {
        record.validationAccuracy > bestValidationAccuracy
            || (record.validationAccuracy == bestValidationAccuracy && record.validationLoss < bestValidationLoss)
    }

    /// Writes the checkpoint of `model` (and `optimizer`, when given) to `url`.
    public func write(model: any Module, optimizer: (any Optimizer)?, to url: URL) throws {
        var tensors = StateTensors.entries(model.namedState(), prefix: "model.")
        var metadata = [
            "epochsCompleted": "\(epochsCompleted)", "bestEpoch": "\(bestEpoch)",
            "bestValidationAccuracy": "\(bestValidationAccuracy)", "bestValidationLoss": "\(bestValidationLoss)",
            "resumeHash": resumeHash,
        ]
        if let state = optimizer?.exportState() {
            for (name, values) in state.buffers {
                tensors["optimizer." + name] = SafeTensorsFile.Entry(shape: [values.count], float32: values)
            }
            metadata["optimizerStep"] = "\(state.step)"
        }
        try SafeTensorsFile(tensors: tensors, metadata: metadata).write(to: url)
    }

    /// Reads `url` and loads it into `model` (and `optimizer`); throws a message naming the file
    /// when it is unreadable or does not fit.
    public static func restore(from url: URL, model: any Module, optimizer: (any Optimizer)?) throws -> Checkpoint {
        func fail(_ reason: String) -> TrainingError { .unusableCheckpoint(path: url.path, reason: reason) }
        let file = try SafeTensorsFile.read(url)
        let m = file.metadata
        guard let epochs = m["epochsCompleted"].flatMap(Int.init), let bestEpoch = m["bestEpoch"].flatMap(Int.init),
            let best = m["bestValidationAccuracy"].flatMap(Double.init),
            let bestLoss = m["bestValidationLoss"].flatMap(Double.init),
            let hash = m["resumeHash"]
        else { throw fail("not an audiocls checkpoint (metadata missing)") }
        do { try model.loadState(try StateTensors.tensors(file.tensors, prefix: "model.")) } catch {
            throw fail("\(error)")
        }
        if let optimizer {
            let buffers = try StateTensors.tensors(file.tensors, prefix: "optimizer.").mapValues(\.real)
            guard let step = m["optimizerStep"].flatMap(Int.init) else { throw fail("no optimizer state") }
            do { try optimizer.restoreState(OptimizerState(step: step, buffers: buffers)) } catch {
                throw fail("\(error)")
            }
        }
        return Checkpoint(
            epochsCompleted: epochs, bestEpoch: bestEpoch, bestValidationAccuracy: best, bestValidationLoss: bestLoss,
            resumeHash: hash)
    }
}
