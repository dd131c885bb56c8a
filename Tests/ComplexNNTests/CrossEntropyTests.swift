import ComplexNN
import TestSupport
import Testing

/// Cross-entropy with class weights, label smoothing and probability targets against PyTorch
/// 1.13's `F.cross_entropy` (fixture from `scripts/make_training_fixtures.py`), finite
/// differences, and the identities between its forms.
@Suite struct CrossEntropyTests {
    let fixture: TensorFixture

    init() throws { fixture = try TensorFixture("cross_entropy_cases", in: "complexnn") }

    /// The fixture's case `name`: the loss of fresh logits leaves and their gradient.
    func check(_ name: String, _ loss: (Tensor) throws -> Tensor) throws {
        #expect(fixture.torchVersion.hasPrefix("1.13"))
        let logits = try fixture.tensor("logits", requiresGrad: true)
        let value = try loss(logits)
        try fixture.expectMatch(
            [value.item], "loss_" + name, rtol: Tolerance.forward.rtol, atol: Tolerance.forward.atol)
        value.backward()
        try fixture.expectMatch(
            logits.flatGrad, "grad_" + name, rtol: Tolerance.gradient.rtol, atol: Tolerance.gradient.atol)
    }

    @Test(arguments: [("hard_w_ls0", Float(0)), ("hard_w_ls1", 0.1)])
    func weightedLabelsMatchTorch(_ name: String, _ smoothing: Float) throws {
        let (labels, weights) = (try fixture.ints("labels"), try fixture.values("weights"))
        try check(name) { $0.crossEntropy(labels: labels, labelSmoothing: smoothing, classWeights: weights) }
    }

    @Test(arguments: [("soft_ls0", Float(0), false), ("soft_w_ls1", 0.1, true)])
    func probabilityTargetsMatchTorch(_ name: String, _ smoothing: Float, _ weighted: Bool) throws {
        let (targets, weights) = (try fixture.tensor("targets"), try fixture.values("weights"))
        try check(name) {
            $0.crossEntropy(targets: targets, labelSmoothing: smoothing, classWeights: weighted ? weights : nil)
        }
    }

    /// One-hot probability targets with weights: PyTorch divides by the batch size there, not by
    /// the labels' weights (which sum to 6.75 for a batch of 6 in the fixture).
    @Test func weightedOneHotTargetsMatchTorch() throws {
        let labels = try fixture.ints("labels"), weights = try fixture.values("weights")
        try check("onehot_w_ls0") { $0.crossEntropy(targets: oneHot(labels, classes: 4), classWeights: weights) }
    }

    /// Without weights, one-hot targets and labels give the same loss and gradient (smoothed
    /// alike), and weights of 1 change nothing.
    @Test(arguments: [Float(0), 0.2])
    func formsAgree(smoothing: Float) {
        let labels = [2, 0, 3, 3]
        let forms: [(Tensor) -> Tensor] = [
            { $0.crossEntropy(labels: labels, labelSmoothing: smoothing) },
            { $0.crossEntropy(targets: oneHot(labels, classes: 4), labelSmoothing: smoothing) },
            { $0.crossEntropy(labels: labels, labelSmoothing: smoothing, classWeights: [1, 1, 1, 1]) },
            {
                $0.crossEntropy(
                    targets: oneHot(labels, classes: 4), labelSmoothing: smoothing, classWeights: [1, 1, 1, 1])
            },
        ]
        let results = forms.map { form in
            let logits = randomTensor([4, 4], complex: false, seed: 60)
            let loss = form(logits)
            loss.backward()
            return (loss.item, logits.grad.real)
        }
        for (index, (loss, grad)) in results.enumerated().dropFirst() {
            #expect(abs(loss - results[0].0) <= 1e-6, "form \(index)")
            expectClose(grad, results[0].1, rtol: 1e-6, atol: 1e-7, "form \(index)")
        }
    }

    @Test(arguments: [Float(0), 0.2])
    func finiteDifferences(smoothing: Float) {
        let logits = randomTensor([3, 4], complex: false, seed: 23), weights: [Float] = [0.3, 1.7, 1, 0.6]
        let targets = Tensor(shape: [3, 4], real: [0.6, 0, 0.4, 0, 0.1, 0.2, 0.3, 0.4, 0, 0, 0, 1])
        gradientCheck([logits], "weighted labels ε=\(smoothing)") {
            $0[0].crossEntropy(labels: [2, 0, 3], labelSmoothing: smoothing, classWeights: weights)
        }
        gradientCheck([logits], "probability targets ε=\(smoothing)") {
            $0[0].crossEntropy(targets: targets, labelSmoothing: smoothing)
        }
        gradientCheck([logits], "weighted probability targets ε=\(smoothing)") {
            $0[0].crossEntropy(targets: targets, labelSmoothing: smoothing, classWeights: weights)
        }
    }
}

/// `[labels.count, classes]` rows that are one-hot at each label.
private func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    Tensor(
        shape: [labels.count, classes],
        real: labels.flatMap { label in (0..<classes).map { $0 == label ? Float(1) : 0 } })
}
