/// Real batch normalisation over axis 1 (PyTorch's `BatchNorm1d/2d`):
/// y = γ·(x − E[x])/√(Var[x] + eps) + β, batch statistics (biased variance, sums in Double) in training,
/// running statistics (mean 0, variance 1 initially; running = (1 − momentum)·running +
/// momentum·batch with the unbiased batch variance) in evaluation.
public final class BatchNorm: Module {
    /// γ, `[channels]`, initially 1.
    public let weight: Tensor
    /// β, `[channels]`, initially 0.
    public let bias: Tensor
    /// Running mean (initially 0) and unbiased running variance (initially 1), `[channels]`.
    public let runningMean: Tensor, runningVariance: Tensor
    public let epsilon: Float, momentum: Float
    public private(set) var isTraining = true

    /// - Parameters:
    ///   - channels: the size of axis 1.
    ///   - epsilon: added to the variance (default 1e-5, as PyTorch).
    ///   - momentum: weight of the batch statistic in the running average (default 0.1).
    public init(channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        weight = Tensor(shape: [channels], real: [Float](repeating: 1, count: channels), requiresGrad: true)
        bias = Tensor(zeros: [channels], complex: false, requiresGrad: true)
        runningMean = Tensor(zeros: [channels], complex: false)
        runningVariance = Tensor(shape: [channels], real: [Float](repeating: 1, count: channels))
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public func setTrainingMode(_ training: Bool) { isTraining = training }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }

    public var ownBuffers: [(name: String, tensor: Tensor)] {
        [("runningMean", runningMean), ("runningVariance", runningVariance)]
    }

    /// `input` real `[N, channels, …]` → the same shape.
    /// Backward in training: g_x = (g_x̂ − mean(g_x̂) − x̂·mean(g_x̂·x̂))/σ with g_x̂ = γ·g_y.
    /// One pass for the statistics and one for y (channels concurrently for large inputs); the
    /// backward pass recomputes x̂ instead of storing it.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let layout = ChannelLayout(input.shape)
        precondition(
            !input.isComplex && layout.channels == weight.count, "BatchNorm(\(weight.count)) got \(input.shape)")
        let training = isTraining, x = input.real
        let statistics: [(mean: Float, sigma: Float)]
        if training {
            let batch = Self.batchStatistics(x, layout)
            updateRunningStatistics(batch, count: layout.perChannel)
            statistics = batch.map { ($0.mean, ($0.variance + epsilon).squareRoot()) }
        } else {
            statistics = zip(runningMean.real, runningVariance.real).map { ($0, ($1 + epsilon).squareRoot()) }
        }
        let output = Self.normalized(x, layout, statistics, gamma: weight.real, beta: bias.real)
        return .result(shape: input.shape, real: output, imaginary: nil, parents: [input, weight, bias]) { out in
            self.backward(
                out.outputGrad.real, x: x, input: input, layout: layout, statistics: statistics, training: training)
        }
    }

    /// The mean and the biased variance of each channel of `x` (accumulated in Double).
    private static func batchStatistics(_ x: [Float], _ layout: ChannelLayout) -> [(mean: Float, variance: Float)] {
        let m = Float(layout.perChannel)
        return x.withUnsafeBufferPointer { x in
            layout.mapChannels { c -> (mean: Float, variance: Float) in
                var sum = 0.0, squares = 0.0  // accumulated in Double
                layout.forEach(inChannel: c) { sum += Double(x[$0]) }
                let mean = Float(sum / Double(m))
                layout.forEach(inChannel: c) { squares += Double((x[$0] - mean) * (x[$0] - mean)) }
                return (mean, Float(squares / Double(m)))
            }
        }
    }

    /// Moves the running statistics towards the batch's (`count` elements per channel; the
    /// running variance follows the unbiased batch variance).
    private func updateRunningStatistics(_ batch: [(mean: Float, variance: Float)], count: Int) {
        let m = Float(count)
        for (c, (mean, variance)) in batch.enumerated() {
            runningMean.real[c] = (1 - momentum) * runningMean.real[c] + momentum * mean
            runningVariance.real[c] =
                (1 - momentum) * runningVariance.real[c] + momentum * variance * m / max(m - 1, 1)
        }
    }

    /// y = γ·((x − mean)/σ) + β per channel.
    private static func normalized(
        _ x: [Float], _ layout: ChannelLayout, _ statistics: [(mean: Float, sigma: Float)], gamma: [Float],
        beta: [Float]
    ) -> [Float] {
        x.withUnsafeBufferPointer { x in
            makeArray(count: x.count) { y in
                layout.forEachBlock { c, range in
                    let (mean, sigma, g, b) = (statistics[c].mean, statistics[c].sigma, gamma[c], beta[c])
                    for i in range { y[i] = g * ((x[i] - mean) / sigma) + b }
                }
            }
        }
    }

    /// Accumulates the gradients of γ, β and (when it requires one) the input from the output's
    /// `g`; `x` is the input's values in the forward pass.
    private func backward(
        _ g: [Float], x: [Float], input: Tensor, layout: ChannelLayout, statistics: [(mean: Float, sigma: Float)],
        training: Bool
    ) {
        // Σ g and Σ g·x̂ per channel
        let sums = withBuffers(x, g, [], []) { x, g, _, _ in
            layout.mapChannels { c -> (g: Float, gx: Float) in
                let (mean, sigma) = statistics[c]
                var sumG: Float = 0, sumGX: Float = 0
                layout.forEach(inChannel: c) { i in
                    sumG += g[i]
                    sumGX += g[i] * ((x[i] - mean) / sigma)
                }
                return (sumG, sumGX)
            }
        }
        for (c, sum) in sums.enumerated() {
            bias.accumulateGrad { gb, _ in gb[c] += sum.g }
            weight.accumulateGrad { gw, _ in gw[c] += sum.gx }
        }
        guard input.requiresGrad else { return }
        let gamma = weight.real, m = Float(layout.perChannel)
        let gx = withBuffers(x, g, [], []) { x, g, _, _ in
            makeArray(count: g.count) { gx in
                layout.forEachBlock { c, range in
                    let (mean, sigma) = statistics[c], (sumG, sumGX) = sums[c], scale = gamma[c] / sigma
                    for i in range {
                        gx[i] =
                            training
                            ? scale * (g[i] - sumG / m - ((x[i] - mean) / sigma) * sumGX / m) : scale * g[i]
                    }
                }
            }
        }
        input.accumulateGrad((gx, []))
    }
}
