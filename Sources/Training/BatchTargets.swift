import ComplexNN

/// What one training batch's loss compares the logits with: the labels, optionally mixed with a
/// partner label per sample (mixup), with the run's label smoothing and class weights.
struct BatchTargets {
    /// The class index of each sample (its first label under mixup); accuracy counts these.
    var labels: [Int]
    /// Mixup: each sample's partner label and the weight λ of the first label.
    var mixed: (partners: [Int], lambda: Float)? = nil
    var labelSmoothing: Float = 0
    var classWeights: [Float]? = nil

    /// The cross-entropy of `logits` (the samples `range` of the batch) against these targets.
    func loss(_ logits: Tensor, samples range: Range<Int>) -> Tensor {
        guard let mixed else {
            return logits.crossEntropy(
                labels: Array(labels[range]), labelSmoothing: labelSmoothing, classWeights: classWeights)
        }
        let classes = logits.shape[1]
        var targets = [Float](repeating: 0, count: range.count * classes)
        for (row, n) in range.enumerated() {
            targets[row * classes + labels[n]] += mixed.lambda
            targets[row * classes + mixed.partners[n]] += 1 - mixed.lambda
        }
        return logits.crossEntropy(
            targets: Tensor(shape: [range.count, classes], real: targets), labelSmoothing: labelSmoothing,
            classWeights: classWeights)
    }
}
