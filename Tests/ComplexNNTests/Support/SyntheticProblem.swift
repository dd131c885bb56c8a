import ComplexNN
import Foundation

// The synthetic problem of the learning tests, and how they train on it.

/// Three classes of real `[samples, 1, height, width]` "spectrogram" patches (sample n has
/// class n mod 3): a sinusoid along time whose frequency (0.5·(class + 1) rad per frame) and
/// rows (2·class + 1 … 2·class + 3) depend on the class, with a random phase, in N(0, 0.3²) noise.
func syntheticPatches(samples: Int, height: Int, width: Int, seed: UInt64) -> (input: Tensor, labels: [Int]) {
    var generator = SeededGenerator(seed: seed)
    var values: [Float] = [], labels: [Int] = []
    for n in 0..<samples {
        let label = n % 3, phase = 2 * Float.pi * generator.nextUniform()
        labels.append(label)
        for h in 0..<height {
            for w in 0..<width {
                let onRow = abs(h - 2 * label - 2) <= 1
                let signal = onRow ? sin(Float(label + 1) * 0.5 * Float(w) + phase) : 0
                values.append(signal + 0.3 * generator.nextNormal())
            }
        }
    }
    return (Tensor(shape: [samples, 1, height, width], real: values), labels)
}

/// Trains `model` on the whole of `input` for `steps` Adam steps (learning rate 0.01) and returns
/// the loss before each step.
func fullBatchLosses(_ model: any Module, _ input: Tensor, _ labels: [Int], steps: Int = 60) -> [Float] {
    let optimizer = Adam(parameters: model.parameters(), learningRate: 0.01)
    var losses: [Float] = []
    for _ in 0..<steps {
        model.zeroGrad()
        let loss = model(input).crossEntropy(labels: labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item)
    }
    return losses
}

/// The classes `model` predicts for `input` in evaluation mode, after 40 passes without
/// gradients have settled its batch norms' running statistics on the final weights.
func settledPredictions(_ model: any Module, _ input: Tensor) -> [Int] {
    GradientMode.withoutGradients { for _ in 0..<40 { _ = model(input) } }
    model.eval()
    return GradientMode.withoutGradients { model(input).argmaxRows() }
}
