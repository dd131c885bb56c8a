import ComplexNN
import TestSupport
import Testing

/// The paper's CVCNN and its real twin: end-to-end gradients against PyTorch, full-size shapes,
/// parameter names and counts, and learning a small seeded synthetic problem.
@Suite struct CVCNNTests {
    static func miniConfiguration(classes: Int = 3, width: Int = 13) -> CVCNNConfiguration {
        var c = CVCNNConfiguration(classes: classes, activation: .cardioid)
        (c.inputHeight, c.inputWidth, c.firstChannels, c.secondChannels, c.hiddenFeatures) = (9, width, 2, 3, 7)
        return c
    }

    @Test func miniModelMatchesTorchEndToEnd() throws {
        let fixture = try TensorFixture("mini_cvcnn", in: "complexnn")
        let model = CVCNN(Self.miniConfiguration(), seed: 1)
        for (name, tensor) in model.namedParameters() {
            let reference = try fixture.tensor("param:" + name)
            #expect(reference.shape == tensor.shape, "\(name)")
            (tensor.real, tensor.imaginary) = (reference.real, reference.imaginary)
        }
        let x = try fixture.tensor("x", requiresGrad: true)
        let logits = model(x)
        try fixture.expectMatch(logits.real, "logits", rtol: 1e-5, atol: 1e-6)
        let loss = logits.crossEntropy(labels: try fixture.ints("labels"))
        try fixture.expectMatch([loss.item], "loss", rtol: 1e-5, atol: 1e-6)
        loss.backward()
        for (name, tensor) in model.namedParameters() {
            try fixture.expectMatch(tensor.flatGrad, "grad:" + name, rtol: 1e-4, atol: 1e-5)
        }
        try fixture.expectMatch(x.flatGrad, "grad_x", rtol: 1e-4, atol: 1e-5)
    }

    @Test func fullSizeModelShapesNamesAndCounts() {
        let configuration = CVCNNConfiguration(classes: 10)
        #expect(configuration.flattenedShape == (20, 2, 30))
        let model = CVCNN(configuration, seed: 2)
        let names = model.namedParameters().map(\.name)
        #expect(
            names == [
                "conv1.weight", "conv1.bias", "bn1.gammaRR", "bn1.gammaRI", "bn1.gammaII", "bn1.beta",
                "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
            ])
        #expect(
            model.namedBuffers().map(\.name) == [
                "bn1.runningMean", "bn1.runningVRR", "bn1.runningVRI", "bn1.runningVII",
            ])
        #expect(model.fc1.weight.shape == [500, 1200])
        // complex scalars count twice: conv1 (40 + 10), conv2 (800 + 20), fc1 (600000 + 500), fc2 (5000 + 10), BN 3·10 real + 10 complex
        #expect(model.parameterCount == 2 * (50 + 820 + 600_500 + 5010 + 10) + 30)
        let twin = CVCNN(configuration.realTwin(), seed: 2)
        #expect(twin.parameterCount == 50 + 820 + 600_500 + 5010 + 20)
        #expect(twin.namedParameters().map(\.name)[2...3] == ["bn1.weight", "bn1.bias"])

        let x = randomTensor([2, 1, 13, 126], complex: false, seed: 3)
        for network in [model, twin] {
            let logits = network(x)
            #expect(logits.shape == [2, 10] && !logits.isComplex)
            logits.crossEntropy(labels: [3, 7]).backward()
            for (name, p) in network.namedParameters() {
                #expect(p.gradReal.count == p.count && p.gradReal.allSatisfy(\.isFinite), "\(name)")
            }
        }
    }

    /// Three classes of 1×9×24 "spectrogram" patches (``syntheticPatches(samples:height:width:seed:)``).
    /// Both networks must fit the training set (loss < 0.05, every sample right) with Adam in 60
    /// full-batch steps.
    ///
    /// modReLU starts as the identity (bias 0), so conv1's bias, followed by batch norm, has a
    /// gradient of exactly zero in exact arithmetic; its computed value is rounding noise, which
    /// Adam's first step turns into a ±lr move. modReLU runs therefore depend on summation
    /// order: with the realPart head the loss kept oscillating (0.04 → 0.39 → 0.005, or ending
    /// at 0.16 after a change of summation order in batch norm), with the modulus head it
    /// converges either way — so modReLU is checked with the modulus head, realPart with CReLU.
    @Test(arguments: [
        (ActivationKind.cardioid, CVCNNConfiguration.OutputHead.modulus), (.cReLU, .modulus), (.modReLU, .modulus),
        (.cReLU, .realPart), (.cardioid, .concatenatedRealLinear), (.relu, .modulus),
    ])
    func learnsASyntheticProblem(_ activation: ActivationKind, _ head: CVCNNConfiguration.OutputHead) {
        let (x, labels) = syntheticPatches(samples: 30, height: 9, width: 24, seed: 42)
        var configuration = Self.miniConfiguration(width: 24)
        (configuration.firstChannels, configuration.secondChannels, configuration.hiddenFeatures) = (4, 6, 16)
        configuration.outputHead = head
        if activation.isReal {
            configuration = configuration.realTwin(activation: activation)
        } else {
            configuration.activation = activation
        }
        let model = CVCNN(configuration, seed: 7)
        let losses = fullBatchLosses(model, x, labels)
        #expect(losses[0] > 0.9, "starts near log 3")
        #expect(losses.last! < 0.05, "\(activation), \(head): final training loss \(losses.last!)")
        #expect(settledPredictions(model, x) == labels)
    }
}

/// Saving and restoring a model's state by name.
@Suite struct ModuleStateTests {
    @Test func stateRoundTripsAndRejectsMismatches() throws {
        let source = CVCNN(CVCNNTests.miniConfiguration(), seed: 1),
            target = CVCNN(CVCNNTests.miniConfiguration(), seed: 2)
        source(randomTensor([4, 1, 9, 13], complex: false, seed: 3)).real.forEach { _ in }  // moves running statistics
        var state = Dictionary(uniqueKeysWithValues: source.namedState().map { ($0.name, $0.tensor.detached()) })
        try target.loadState(state)
        for ((name, a), (_, b)) in zip(source.namedState(), target.namedState()) {
            #expect(a.real == b.real && a.imaginary == b.imaginary, "\(name)")
        }
        state["fc2.bias"] = Tensor(zeros: [4], complex: true)
        #expect(throws: ModuleStateError.shapeMismatch(name: "fc2.bias", expected: [3], found: [4])) {
            try target.loadState(state)
        }
        state["fc2.bias"] = Tensor(zeros: [3], complex: false)
        #expect(throws: ModuleStateError.kindMismatch(name: "fc2.bias", expectedComplex: true)) {
            try target.loadState(state)
        }
        state["fc2.bias"] = nil
        #expect(throws: ModuleStateError.missing(name: "fc2.bias")) { try target.loadState(state) }
    }
}
