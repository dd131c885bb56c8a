import ComplexNN
import Foundation
import TestSupport
import Testing

/// The global-pooling CNN and its real twin: one training step and evaluation against PyTorch
/// (fixtures from `scripts/make_pooledcnn_fixtures.py`, torch 1.13 complex64 autograd), shapes
/// for any input size, parameter names and counts, evaluation mode, the parameter budget, and
/// learning a small seeded problem.
@Suite struct PooledCNNTests {
    /// The tiny instances the fixtures were made with (dropout 0: torch cannot replay the masks).
    static func referenceConfiguration(_ name: String) -> PooledCNNConfiguration {
        var c = PooledCNNConfiguration(classes: 3, activation: .cardioid)
        (c.channels, c.convolutionsPerBlock, c.dropout) = ([2, 3], 2, 0)
        switch name {
        case "pooled_cnn_real":
            c = c.realTwin()
            c.pooling = .average
        case "pooled_cnn_thin":
            (c.convolutionsPerBlock, c.pooling, c.globalPooling) = (1, .average, .average)
            (c.outputHead, c.activation) = (.concatenatedRealLinear, .cReLU)
        default: break
        }
        return c
    }

    /// Logits, loss, every parameter's and the input's gradient, the running statistics after
    /// the step, and evaluation logits of another batch from those statistics.
    @Test(arguments: ["pooled_cnn_complex", "pooled_cnn_real", "pooled_cnn_thin"])
    func trainingStepAndEvaluationMatchTorch(_ name: String) throws {
        let fixture = try TensorFixture(name, in: "complexnn")
        #expect(fixture.torchVersion.hasPrefix("1.13"))
        let model = try PooledCNN(Self.referenceConfiguration(name), seed: 1)
        let names = model.namedParameters().map(\.name)
        #expect(
            Set(names) == Set(fixture.arrays.keys.filter { $0.hasPrefix("param:") }.map { String($0.dropFirst(6)) }))
        for (name, tensor) in model.namedParameters() {
            let reference = try fixture.tensor("param:" + name)
            #expect(reference.shape == tensor.shape, "\(name)")
            (tensor.real, tensor.imaginary) = (reference.real, reference.imaginary)
        }
        let (forward, gradient) = (Tolerance.forward, Tolerance.gradient)
        let x = try fixture.tensor("x", requiresGrad: true)
        let logits = model(x)
        try fixture.expectMatch(logits.real, "logits", rtol: forward.rtol, atol: forward.atol)
        let loss = logits.crossEntropy(labels: try fixture.ints("labels"))
        try fixture.expectMatch([loss.item], "loss", rtol: forward.rtol, atol: forward.atol)
        loss.backward()
        for (name, tensor) in model.namedParameters() {
            try fixture.expectMatch(tensor.flatGrad, "grad:" + name, rtol: gradient.rtol, atol: gradient.atol)
        }
        try fixture.expectMatch(x.flatGrad, "grad_x", rtol: gradient.rtol, atol: gradient.atol)
        for (name, buffer) in model.namedBuffers() {
            try fixture.expectMatch(buffer.flatValues, "buffer:" + name, rtol: forward.rtol, atol: forward.atol)
        }
        model.eval()
        let evaluation = GradientMode.withoutGradients { model(try! fixture.tensor("x_eval")) }
        try fixture.expectMatch(evaluation.real, "eval_logits", rtol: forward.rtol, atol: forward.atol)
    }

    /// Default sizes on odd and degenerate inputs, complex and real: logits `[N, classes]`, each
    /// block halving a side (rounded down) but never below 1, finite gradients everywhere.
    @Test(arguments: [(1, 1), (1, 6), (7, 1), (3, 5), (9, 24)])
    func anyInputSize(rows: Int, frames: Int) throws {
        for complex in [true, false] {
            let base = PooledCNNConfiguration(classes: 4)
            let model = try PooledCNN(complex ? base : base.realTwin(), seed: 5)
            let x = randomTensor([2, 1, rows, frames], complex: false, seed: 6)
            var (map, height, width) = (x, rows, frames)
            for (block, channels) in zip(model.blocks, base.channels) {
                map = block(map)
                (height, width) = (max(1, height / 2), max(1, width / 2))
                #expect(map.shape == [2, channels, height, width], "block of \(rows)×\(frames)")
            }
            let logits = model(x)
            #expect(logits.shape == [2, 4] && !logits.isComplex && logits.real.allSatisfy(\.isFinite))
            logits.crossEntropy(labels: [1, 3]).backward()
            for (name, p) in model.namedParameters() {
                #expect(p.gradReal.count == p.count && p.gradReal.allSatisfy(\.isFinite), "\(name) \(rows)×\(frames)")
            }
            #expect(x.grad.real.allSatisfy { $0.isFinite })
        }
    }

    @Test func defaultParameterNamesAndCounts() throws {
        let complex = try PooledCNN(PooledCNNConfiguration(classes: 10), seed: 1)
        let twin = try PooledCNN(PooledCNNConfiguration(classes: 10).realTwin(), seed: 1)
        // convolution weights 1·16·9 + 16·32·9 + 32·64·9 = 23184, no biases; batch norms over
        // 16 + 32 + 64 = 112 channels; head 64·10 + 10
        #expect(complex.parameterCount == 2 * 23184 + 5 * 112 + 2 * 650, "complex weights count twice, BN 3 real + β")
        #expect(twin.parameterCount == 23184 + 2 * 112 + 650)
        let names = twin.namedParameters().map(\.name)
        #expect(names.count == 3 * 3 + 2)
        #expect(
            Array(names.prefix(4)) == [
                "block0.conv0.weight", "block0.norm0.weight", "block0.norm0.bias", "block1.conv0.weight",
            ])
        #expect(Array(names.suffix(2)) == ["head.weight", "head.bias"])
        #expect(
            complex.namedBuffers().map(\.name).prefix(4) == [
                "block0.norm0.runningMean", "block0.norm0.runningVRR", "block0.norm0.runningVRI",
                "block0.norm0.runningVII",
            ])
        var modReLU = PooledCNNConfiguration(classes: 2, activation: .modReLU)
        (modReLU.channels, modReLU.convolutionsPerBlock) = ([3], 2)
        let modReLUNames = try PooledCNN(modReLU, seed: 1).namedParameters().map(\.name)
        #expect(modReLUNames.contains("block0.act1.bias"))
    }

    /// Dropout only changes training outputs; in evaluation the network with p = 0.3 gives
    /// exactly what the same weights with p = 0 give, and the running statistics stay put.
    @Test func evaluationHasNoDropoutAndFreezesStatistics() throws {
        var c = PooledCNNConfiguration(classes: 3)
        c.channels = [4, 6]
        let dropped = try PooledCNN(c, seed: 8)
        c.dropout = 0
        let plain = try PooledCNN(c, seed: 8)
        let x = randomTensor([4, 1, 6, 10], complex: false, seed: 9), y = randomTensor([3, 1, 6, 10], seed: 10)
        #expect(dropped(x).real != plain(x).real)
        for ((name, a), (_, b)) in zip(dropped.namedState(), plain.namedState()) {
            #expect(a.real == b.real && a.imaginary == b.imaginary, "\(name): same weights, same statistics")
        }
        dropped.eval()
        plain.eval()
        let statistics = dropped.namedBuffers().map { $0.tensor.flatValues }
        let evaluated = GradientMode.withoutGradients { dropped(y) }
        #expect(evaluated.real == GradientMode.withoutGradients { plain(y) }.real)
        #expect(evaluated.real == GradientMode.withoutGradients { dropped(y) }.real)
        #expect(dropped.namedBuffers().map { $0.tensor.flatValues } == statistics)
    }

    /// The complex network at its real twin's budget: narrower by about 1/√2, within 3 % of the
    /// count, and no factor of a fine grid does better.
    @Test func complexNetworkAtTheTwinsBudget() throws {
        let complex = PooledCNNConfiguration(classes: 6)
        let target = try PooledCNN(complex.realTwin(), seed: 0).parameterCount
        let matched = try complex.scaled(toParameterCount: target)
        let miss = abs(try PooledCNN(matched, seed: 0).parameterCount - target)
        #expect(Double(miss) <= 0.03 * Double(target), "\(matched.channels): \(miss) from \(target)")
        #expect(matched.channels == [11, 22, 45], "\(matched.channels)")
        for factor in stride(from: 0.6, through: 0.8, by: 0.005) {
            var other = complex
            other.channels = complex.channels.map { Int((Double($0) * factor).rounded()) }
            let otherMiss = abs(try PooledCNN(other, seed: 0).parameterCount - target)
            #expect(otherMiss >= miss, "\(other.channels) misses by \(otherMiss) < \(miss)")
        }
    }

    @Test func invalidConfigurationsNameTheField() {
        var c = PooledCNNConfiguration(classes: 3)
        c.dropout = 1
        #expect(throws: PooledCNNConfigurationError(field: "dropout", value: "1.0", reason: "must lie in [0, 1)")) {
            try PooledCNN(c, seed: 0)
        }
        c = PooledCNNConfiguration(classes: 3, activation: .relu)
        #expect(throws: PooledCNNConfigurationError.self) { try PooledCNN(c, seed: 0) }
        c = PooledCNNConfiguration(classes: 3)
        c.channels = []
        do {
            _ = try c.scaled(toParameterCount: 1000)
            Issue.record("empty channels accepted")
        } catch {
            #expect(error.description == "pooled CNN: channels=[] needs widths ≥ 1")
        }
    }

    @Test func configurationRoundTripsThroughJSON() throws {
        var c = PooledCNNConfiguration(classes: 5, activation: .modReLU)
        (c.channels, c.pooling, c.globalPooling, c.outputHead, c.dropout) = (
            [8, 8], .average, .average, .realPart, 0.1
        )
        #expect(try JSONDecoder().decode(PooledCNNConfiguration.self, from: JSONEncoder().encode(c)) == c)
    }

    /// Both networks fit the three classes of ``syntheticPatches(samples:height:width:seed:)``
    /// with dropout on (Adam, 60 full-batch steps): the loss falls below a fifth of its start and,
    /// in evaluation with settled statistics, every sample is right.
    @Test(arguments: [true, false])
    func learnsASyntheticProblem(complex: Bool) throws {
        let (x, labels) = syntheticPatches(samples: 30, height: 9, width: 24, seed: 42)
        var c = PooledCNNConfiguration(classes: 3)
        (c.channels, c.convolutionsPerBlock) = ([6, 12], 1)
        let model = try PooledCNN(complex ? c : c.realTwin(), seed: 7)
        let losses = fullBatchLosses(model, x, labels)
        #expect(losses[0] > 0.9, "starts near log 3")
        #expect(losses.suffix(5).reduce(0, +) / 5 < losses[0] / 5, "complex \(complex): losses \(losses)")
        #expect(settledPredictions(model, x) == labels)
    }
}

/// ``ParameterBudget/closest(to:scaled:parameterCount:)`` on a family whose counts are known.
@Suite struct ParameterBudgetTests {
    /// Widths round(100·f), counted as width²: 70² = 4900 and 71² = 5041 bracket 5000.
    @Test(arguments: [(5000, 71), (30, 5), (10_000, 100), (1, 1)])
    func findsTheClosestCount(target: Int, width: Int) {
        let found = ParameterBudget.closest(
            to: target, scaled: { max(1, Int((100 * $0).rounded())) }, parameterCount: { $0 * $0 })
        #expect(found == width)
    }
}

/// The frequency-keeping head: its width follows the rows left after pooling, and a network built
/// for one row count refuses to be built without it.
@Suite struct TimeMeanMaxPooledCNNTests {
    @Test(arguments: [true, false])
    func headWidthFollowsThePooledRows(complex: Bool) throws {
        var c = PooledCNNConfiguration(classes: 3, activation: complex ? .cardioid : .relu, complex: complex)
        (c.channels, c.globalPooling, c.inputRows) = ([4, 6], .timeMeanMax, 9)  // 9 → 4 → 2 rows
        #expect(c.pooledRows == 2)
        let network = try PooledCNN(c, seed: 1)
        #expect(network.head.weight.shape == [3, 6 * 2])
        let logits = network(randomTensor([2, 1, 9, 11], complex: false, seed: 2))
        #expect(logits.shape == [2, 3] && !logits.isComplex)
        c.inputRows = nil
        #expect(throws: PooledCNNConfigurationError.self) { try c.validate() }
    }
}
