import ComplexNN

extension Trainer {
    /// One step's gradients on every rank: the forward and backward of `model` on this rank's
    /// slices of `batch` (the whole global batch `[n, …]`, one target per sample), each slice's
    /// loss weighted nₛ/n, combined over the slices and ranks by `exchange`. Returns the global
    /// batch's mean loss and correct count; the caller checks the loss and runs the optimizer.
    /// Dropout masks are drawn from `dropoutSeed` and the slice's index, the same on any rank.
    static func computeGradients(
        of model: any Module, batch: Tensor, targets: BatchTargets, dropoutSeed: UInt64 = 0,
        exchange: GradientExchange
    ) throws -> (loss: Float, correct: Int) {
        let labels = targets.labels
        exchange.beginStep()
        for slice in exchange.slices {
            exchange.beginSlice()
            model.reseedDropout(dropoutSeed ^ (0xD1B5_4A32_D192_ED03 &* UInt64(slice + 1)))
            let range = exchange.slicing.range(slice, batchSize: labels.count)
            var (weightedLoss, correct): (Float, Float) = (0, 0)
            if !range.isEmpty {
                let logits = model(batch.samples(range))
                let loss = targets.loss(logits, samples: range)
                let weight = Float(range.count) / Float(labels.count)
                // A non-finite loss reaches every rank through the sum; the caller stops.
                weightedLoss = weight * loss.item
                if loss.item.isFinite {
                    loss.scaled(byScalar: Tensor(shape: [1], real: [weight])).backward()
                    correct = Float(zip(logits.argmaxRows(), labels[range]).filter { $0 == $1 }.count)
                }
            }
            exchange.add(weightedLoss: weightedLoss, correct: correct)
        }
        return try exchange.reduce()
    }
}
