import ComplexNN
import Foundation

/// One optimizer step's collective, and nothing else: the trainer computes the forward/backward
/// of this rank's slices of the global batch (``BatchSlicing``, ``Trainer``'s `computeGradients`);
/// the exchange hands each slice the step's starting state, collects its contribution, and a
/// single allreduce (sum) of one contiguous float buffer leaves on every rank:
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
    /// The running statistics every slice of the current step starts from.
    private var start: [(real: [Float], imaginary: [Float]?)] = []
    /// The summed contributions of this rank's slices so far (weighted gradients, running
    /// statistics, weighted loss, correct count), or the one slice's loss and count when nothing
    /// is exchanged.
    private var sums: [Float] = [], local: (loss: Float, correct: Int) = (0, 0)
    private var started = Date()

    init(model: any Module, slicing: BatchSlicing, communicator: any Communicator) {
        (self.model, self.slicing, self.communicator) = (model, slicing, communicator)
        parameters = model.parameters()
        buffers = model.namedBuffers().map(\.tensor)
        statistics.floatsPerStep = (parameters + buffers).reduce(2) { $0 + $1.count * ($1.isComplex ? 2 : 1) }
    }

    /// The slices of the global batch this rank computes.
    var slices: StrideTo<Int> { slicing.slices(ofRank: communicator.rank, ranks: communicator.size) }

    /// Whether the whole batch is one slice on one process: gradients and running statistics are
    /// then already the global ones, and packing them into the exchange buffer is skipped.
    private var isLocal: Bool { slicing.count == 1 && communicator.size == 1 }

    /// Starts a step: remembers the running statistics each slice starts from.
    func beginStep() {
        started = Date()
        start = buffers.map { ($0.real, $0.imaginary) }
        sums = []
    }

    /// Readies the model for one slice: zero gradients and the step's starting running
    /// statistics, so that adding slices here or across ranks adds the same numbers in the same
    /// pairs.
    func beginSlice() {
        model.zeroGrad()
        for (tensor, values) in zip(buffers, start) { (tensor.real, tensor.imaginary) = values }
    }

    /// Adds the slice just back-propagated: its gradients, running statistics, loss (already
    /// weighted by nₛ/n) and correct count.
    func add(weightedLoss: Float, correct: Float) {
        guard !isLocal else {
            local = (weightedLoss, Int(correct))
            return
        }
        let contribution =
            flatten(parameters) { ($0.gradReal, $0.gradImaginary) }
            + flatten(buffers) { ($0.real, $0.imaginary ?? []) }
            + [weightedLoss, correct]
        sums = sums.isEmpty ? contribution : zip(sums, contribution).map(+)
    }

    /// Ends the step: combines the slices of every rank (one allreduce) and returns the global
    /// batch's mean loss and correct count; the caller checks the loss and runs the optimizer.
    func reduce() throws -> (loss: Float, correct: Int) {
        statistics.forwardBackwardSeconds += Date().timeIntervalSince(started)
        guard !isLocal else {
            statistics.steps += 1
            return local
        }
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
