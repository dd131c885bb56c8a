import ComplexNN
import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Models
@testable import Training

/// Data-parallel training without MPI: ranks are threads of this process (``InProcessGroup``).
@Suite(.serialized) struct DistributedTrainingTests {
    /// |W·x + b| of a complex Linear: real logits from complex weights, no BatchNorm.
    final class ComplexLinearClassifier: Module {
        let linear: Linear
        init() {
            var generator = SeededGenerator(seed: 4)
            linear = Linear(inputFeatures: 6, outputFeatures: 3, complex: true, generator: &generator)
        }
        func callAsFunction(_ input: Tensor) -> Tensor { linear(input).modulus() }
        var children: [(name: String, module: any Module)] { [("linear", linear)] }
    }

    static let labels = [0, 2, 1, 1, 0]

    /// A complex batch of 5 samples × 6 features.
    static func batch() -> Tensor {
        var generator = SeededGenerator(seed: 9)
        let values = (0..<60).map { _ in generator.nextNormal() }
        return Tensor(shape: [5, 6], real: Array(values[..<30]), imaginary: Array(values[30...]))
    }

    /// Every parameter's gradient, real plane then imaginary plane.
    static func gradients(_ model: any Module) -> [Float] {
        model.parameters().flatMap { $0.gradReal + $0.gradImaginary }
    }

    @Test func slicesCoverTheBatchAndRanksShareThem() {
        let slicing = BatchSlicing(count: 4)
        #expect((0..<4).map { slicing.range($0, batchSize: 10) } == [0..<2, 2..<5, 5..<7, 7..<10])
        #expect((0..<4).map { slicing.range($0, batchSize: 3) }.map(\.count) == [0, 1, 1, 1])
        #expect(Array(slicing.slices(ofRank: 1, ranks: 2)) == [1, 3])
    }

    /// The weighted mean (2/5, 3/5) of the two uneven slices' mean gradients, summed over two
    /// ranks, is the full batch's mean gradient — within float rounding of the different
    /// summation order (measured: max |difference| 6e-8 for gradients up to 0.72, the loss equal;
    /// checked at rtol 1e-6, atol 1e-7).
    @Test func sliceGradientsCombineIntoTheFullBatchGradient() throws {
        let full = ComplexLinearClassifier()
        let loss = full(Self.batch()).crossEntropy(labels: Self.labels)
        loss.backward()
        let ranks = try InProcessGroup(size: 2).run { communicator in
            let model = ComplexLinearClassifier()
            let exchange = GradientExchange(model: model, slicing: BatchSlicing(count: 2), communicator: communicator)
            let global = try Trainer.computeGradients(
                of: model, batch: Self.batch(), targets: BatchTargets(labels: Self.labels), exchange: exchange)
            return (Self.gradients(model), global.loss, global.correct)
        }
        let expectedCorrect = zip(full(Self.batch()).argmaxRows(), Self.labels).filter { $0 == $1 }.count
        for (gradients, globalLoss, correct) in ranks {
            expectClose(gradients, Self.gradients(full), rtol: 1e-6, atol: 1e-7, "gradient")
            expectClose([globalLoss], [loss.item], rtol: 1e-6, atol: 0, "loss")
            #expect(correct == expectedCorrect)
        }
        #expect(ranks[0].0 == ranks[1].0, "every rank holds the same summed gradient")
    }

    /// One process and one slice: the exchange hands back the full-batch gradient unchanged.
    @Test func theSingleProcessCommunicatorKeepsTheFullBatchGradient() throws {
        let full = ComplexLinearClassifier()
        full(Self.batch()).crossEntropy(labels: Self.labels).backward()
        let model = ComplexLinearClassifier()
        let exchange = GradientExchange(
            model: model, slicing: BatchSlicing(count: 1), communicator: SingleProcessCommunicator())
        _ = try Trainer.computeGradients(
            of: model, batch: Self.batch(), targets: BatchTargets(labels: Self.labels), exchange: exchange)
        #expect(Self.gradients(model) == Self.gradients(full))
        #expect(exchange.statistics.steps == 1 && exchange.statistics.floatsPerStep == 2 * (18 + 3) + 2)
    }

    /// Two ranks train the model that one process with two batch slices trains (BatchNorm
    /// included: each slice is normalised with its own statistics, running statistics averaged),
    /// with augmentation drawing from the random stream: the same log and bit-identical weights
    /// (a sum of two contributions is the same in either order), on both ranks.
    @Test func twoRanksTrainWhatOneProcessWithTwoSlicesTrains() throws {
        let dataset = try TinyDataset()
        let c = {
            var c = TinyDataset.configuration(epochs: 2)
            (c.batchSlices, c.keep) = (2, .last)
            c.augmentation = Augmentation(shiftFrames: 2, gainDB: 3)
            return c
        }()
        let single = try dataset.train(c, into: "single")
        let data = try dataset.data(c), directory = dataset.directory.file("ranks")
        let ranks = try InProcessGroup(size: 2).run { communicator in
            var trainer = try Trainer(
                configuration: c, data: data,
                architecture: c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3),
                directory: directory)
            (trainer.progressStyle, trainer.communicator) = (.quiet, communicator)
            let outcome = try trainer.run(resume: false)
            return (stateDigest(outcome.model), outcome.records)
        }
        #expect(ranks[0].0 == stateDigest(single.model) && ranks[1].0 == ranks[0].0)
        #expect(ranks[0].1.map(\.trainLoss) == single.records.map(\.trainLoss))
        #expect(ranks[0].1.map(\.validationLoss) == single.records.map(\.validationLoss))
        #expect(ranks[1].1.isEmpty, "rank 0 alone keeps the log")
        var plain = c
        plain.batchSlices = nil
        #expect(
            stateDigest(try dataset.train(plain, into: "plain").model) != ranks[0].0,
            "whole batches are normalised with other statistics than slices")
    }

    /// An ensemble trains member after member on every rank: two ranks write the bundle one
    /// process with two batch slices writes, byte for byte, and the other rank writes nothing.
    @Test func twoRanksTrainTheEnsembleOneProcessTrains() throws {
        let dataset = try TinyDataset(tracksPerClass: 4)
        let (items, cache, root) = (dataset.items, dataset.cache, dataset.directory.url)
        @Sendable func training(_ c: TrainingConfiguration, into name: String) -> GenreTraining {
            var training = GenreTraining(configuration: c, output: root.appendingPathComponent(name), cache: cache)
            (training.progressStyle, training.logger) = (.quiet, LogRecorder().logger())
            return training
        }
        var c = TinyDataset.configuration(epochs: 1)
        c.ensemble = 2
        var sliced = c
        sliced.batchSlices = 2
        try training(sliced, into: "single").run(items: items, resume: false)
        let written = try InProcessGroup(size: 2).run { [c] communicator in
            var ranked = training(c, into: "ranks")
            ranked.communicator = communicator
            return try ranked.run(items: items, resume: false) != nil
        }
        #expect(written == [true, false])
        for name in ["model.safetensors", "model.json", "member-2/checkpoints/last.safetensors"] {
            #expect(
                try Data(contentsOf: root.appendingPathComponent("ranks/\(name)"))
                    == Data(contentsOf: root.appendingPathComponent("single/\(name)")), "\(name)")
        }
    }

    /// Ranks that start from different weights (here: different seeds) stop with a clear error
    /// before training.
    @Test func ranksWithDifferentWeightsAreRefused() throws {
        let dataset = try TinyDataset(tracksPerClass: 3)
        let c = TinyDataset.configuration(epochs: 1)
        let data = try dataset.data(c), directory = dataset.directory.file("mismatch")
        #expect(throws: DistributedError.self) {
            _ = try InProcessGroup(size: 2).run { communicator in
                var rankConfiguration = c
                rankConfiguration.seed = UInt64(communicator.rank)
                var trainer = try Trainer(
                    configuration: rankConfiguration, data: data,
                    architecture: c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3),
                    directory: directory)
                (trainer.progressStyle, trainer.communicator) = (.quiet, communicator)
                _ = try trainer.run(resume: false)
            }
        }
    }

    /// Three slices cannot be shared by two ranks.
    @Test func theSliceCountMustBeAMultipleOfTheRanks() throws {
        var c = TinyDataset.configuration()
        c.batchSlices = 3
        let communicator = InProcessGroup(size: 2).ranks[0]
        let dataset = try TinyDataset(tracksPerClass: 3)
        var trainer = try Trainer(
            configuration: c, data: dataset.data(c),
            architecture: c.architecture.architecture(rows: 13, frames: c.framesPerSegment, classes: 3),
            directory: dataset.directory.file("x"))
        trainer.communicator = communicator
        #expect { _ = try trainer.sliceCount } throws: {
            ($0 as? ConfigurationError)?.key == "batch_slices" && "\($0)".contains("multiple of the 2 processes")
        }
        #expect(TinyDataset.configuration().distributed(over: 2).batchSlices == 2)
        #expect(TinyDataset.configuration().distributed(over: 1).batchSlices == nil)
    }
}
