import ComplexNN
import Foundation

/// One optimizer step's collective: every rank computes the forward/backward of its slices of
/// the global batch (see ``BatchSlicing``), then a single allreduce (sum) of one contiguous
/// float buffer leaves on every rank:
///
/// - the global-batch mean gradient Σₛ (nₛ/n)·gₛ, gₛ the mean gradient of slice s of nₛ samples
///   (each slice's loss is scaled by nₛ/n before its backward, so uneven and empty slices weigh
///   right); complex gradients travel as their real and imaginary planes;
/// - the BatchNorm running statistics: each slice updates them from the step's starting values
///   with its own batch statistics, and the result is the mean over the slices, (1/S)·Σₛ Rₛ —
///   the same on every rank, so running statistics never drift apart. Each slice is normalised
///   with its own statistics (no synchronised BatchNorm): a run with S slices equals a
///   single-process run with `batchSlices` S, not one that normalises whole batches;
/// - the batch's mean loss and correct count.
///
/// With one slice and one rank a step is plain full-batch training (nothing is packed or exchanged). Each
/// slice's contribution is computed from zero and contributions are summed elementwise, so with
/// two ranks (whose sum a + b is the same in either order) a run is bit-identical to one process
/// with two slices; with more ranks MPI's reduction order may round differently.
final class GradientExchange {
    let communicator: any Communicator
    let slicing: BatchSlicing
    private let model: any Module
    private let parameters: [Tensor], buffers: [Tensor]
    private(set) var statistics = CommunicationStatistics()

    init(model: any Module, slicing: BatchSlicing, communicator: any Communicator) {
        (self.model, self.slicing, self.communicator) = (model, slicing, communicator)
        parameters = model.parameters()
        buffers = model.namedBuffers().map(\.tensor)
        statistics.floatsPerStep = (parameters + buffers).reduce(2) { $0 + $1.count * ($1.isComplex ? 2 : 1) }
    }

    /// One step's gradients on every rank: the cross-entropy of `model` on this rank's slices of
    /// `batch` (the whole global batch `[n, …]`, one target per sample) back-propagated with weights
    /// nₛ/n, then exchanged. Returns the global batch's mean loss and correct count; the caller
    /// checks the loss and runs the optimizer.
    /// Dropout masks are drawn from `dropoutSeed` and the slice's index, the same on any rank.
    func step(_ batch: Tensor, targets: BatchTargets, dropoutSeed: UInt64 = 0) throws -> (loss: Float, correct: Int) {
        let labels = targets.labels
        let started = Date()
        let start = buffers.map { ($0.real, $0.imaginary) }
        var sums: [Float] = []
        for slice in slicing.slices(ofRank: communicator.rank, ranks: communicator.size) {
            // Every slice starts from zero gradients and the step's running statistics, so that
            // adding slices here or across ranks adds the same numbers in the same pairs.
            model.zeroGrad()
            model.reseedDropout(dropoutSeed ^ (0xD1B5_4A32_D192_ED03 &* UInt64(slice + 1)))
            for (tensor, values) in zip(buffers, start) { (tensor.real, tensor.imaginary) = values }
            let range = slicing.range(slice, batchSize: labels.count)
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
            if slicing.count == 1 && communicator.size == 1 {
                // The whole batch in one slice on one process: gradients and running statistics
                // are already the global ones, so skip packing them into the exchange buffer.
                statistics.forwardBackwardSeconds += Date().timeIntervalSince(started)
                statistics.steps += 1
                return (weightedLoss, Int(correct))
            }
            let contribution =
                flatten(parameters) { ($0.gradReal, $0.gradImaginary) }
                + flatten(buffers) { ($0.real, $0.imaginary ?? []) }
                + [weightedLoss, correct]
            sums = sums.isEmpty ? contribution : zip(sums, contribution).map(+)
        }
        statistics.forwardBackwardSeconds += Date().timeIntervalSince(started)
        return try exchange(sums)
    }

    /// Adds the seconds of one whole step (as the trainer saw it) to the statistics.
    func recordStep(seconds: Double) { statistics.stepSeconds += seconds }

    /// The allreduce of this rank's summed slice contributions (weighted gradients, running
    /// statistics, weighted loss, correct count): gradients and running statistics are replaced
    /// by their global values; returns the global batch's mean loss and correct count.
    private func exchange(_ sums: [Float]) throws -> (loss: Float, correct: Int) {
        var values = sums
        precondition(values.count == statistics.floatsPerStep, "every parameter and buffer is in the buffer once")
        let started = Date()
        try communicator.allreduce(&values, .sum)
        statistics.allreduceSeconds += Date().timeIntervalSince(started)
        statistics.steps += 1
        var offset = 0
        func take(_ count: Int, scale: Float = 1) -> [Float] {
            defer { offset += count }
            return scale == 1
                ? Array(values[offset..<offset + count]) : values[offset..<offset + count].map { $0 * scale }
        }
        for p in parameters {
            p.gradReal = take(p.count)
            p.gradImaginary = p.isComplex ? take(p.count) : []
        }
        let sliceMean = 1 / Float(slicing.count)
        for b in buffers {
            b.real = take(b.count, scale: sliceMean)
            if b.isComplex { b.imaginary = take(b.count, scale: sliceMean) }
        }
        return (values[offset], Int(values[offset + 1]))
    }

    /// The planes of `tensors` one after the other (an empty gradient plane counts as zeros).
    private func flatten(_ tensors: [Tensor], _ planes: (Tensor) -> (real: [Float], imaginary: [Float])) -> [Float] {
        var flat: [Float] = []
        flat.reserveCapacity(statistics.floatsPerStep)
        for t in tensors {
            let (re, im) = planes(t)
            flat += re.isEmpty ? [Float](repeating: 0, count: t.count) : re
            if t.isComplex { flat += im.isEmpty ? [Float](repeating: 0, count: t.count) : im }
        }
        return flat
    }
}
