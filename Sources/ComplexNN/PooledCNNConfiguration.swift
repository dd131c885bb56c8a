/// The architecture of ``PooledCNN``, a convolutional network for real audio that pools globally,
/// and of its real twin (the same layers with real tensors).
///
/// Defaults are sized for small datasets and two cores: three blocks of one 3×3 convolution with
/// 16, 32 and 64 channels, |z|-max pooling after each, mean + max global pooling, dropout 0.3,
/// cardioid (complex) or ReLU (real twin) — 24 k real parameters in the twin, 48 k in the
/// complex network. Two convolutions per block (VGG/PANNs-style) cost about 4× the
/// multiply-adds of a step (the second of each block is the widest). The network takes any `[N, inputChannels, rows,
/// frames]` with rows, frames ≥ 1: nothing depends on the input size. Stored in model bundles
/// (`Codable`, keys as the property names).
public struct PooledCNNConfiguration: Sendable, Codable, Equatable {
    /// How the last block's `[N, C, rows, frames]` map becomes one feature vector per sample.
    public enum GlobalPooling: String, Sendable, Codable, CaseIterable {
        /// The mean over rows (frequency), then the mean plus the maximum over frames (time),
        /// the maximum by |z| for complex maps (``Tensor/globalMeanMaxPooled()``).
        case meanMax
        /// The mean plus the maximum over frames (time) of every row of every channel, keeping the
        /// frequency axis: `[N, C·rows]` features, so where in frequency a pattern lies still
        /// counts (``Tensor/timeMeanMaxPooled()``). Needs ``PooledCNNConfiguration/inputRows``.
        case timeMeanMax
        /// The mean over rows and frames (``Tensor/globalAveragePooled()``).
        case average
    }

    /// The real logits of a complex network (ignored by the twin), as for ``CVCNNConfiguration``.
    public typealias OutputHead = CVCNNConfiguration.OutputHead

    /// Input channels C (default 1).
    public var inputChannels = 1
    /// Output classes (≥ 2).
    public var classes: Int
    /// The output channels of each block's convolutions, one entry per block (default [16, 32, 64]).
    public var channels = [16, 32, 64]
    /// Convolutions per block, each Conv2d k×k with zero padding k/2 and no bias (the batch
    /// norm's shift takes its place) → batch norm (complex whitening BN for the complex network)
    /// → activation (default 1).
    public var convolutionsPerBlock = 1
    /// The square kernel size k (default 3); an odd k keeps rows × frames, an even one adds 1.
    public var kernel = 3
    /// The 2×2 pooling (stride 2) after each block: ``Pool2d/Kind/max`` (by |z| for complex
    /// maps) or ``Pool2d/Kind/average`` (default max). A side that is already 1 is not pooled
    /// (its window is 1), so no side ever drops below 1; an odd side loses its last row or frame.
    public var pooling = Pool2d.Kind.max
    /// The global pooling after the last block (default ``GlobalPooling/meanMax``).
    public var globalPooling = GlobalPooling.meanMax
    /// The input's rows, which fix the head's width for ``GlobalPooling/timeMeanMax``; `nil`
    /// (any rows) for the other poolings.
    public var inputRows: Int? = nil

    /// The rows left after every block's 2×2 pooling (a side of 1 stays 1, an odd side loses one).
    public var pooledRows: Int? {
        inputRows.map { rows in channels.reduce(rows) { r, _ in r == 1 ? 1 : r / 2 } }
    }

    /// The length of the feature vector the head reads.
    var pooledFeatures: Int { channels.last! * (globalPooling == .timeMeanMax ? pooledRows ?? 1 : 1) }
    /// The dropout probability on the pooled features in training, one mask for Re and Im
    /// (default 0.3; 0 for none).
    public var dropout: Float = 0.3
    /// The activation after each batch norm (a real one for the twin).
    public var activation: ActivationKind
    /// Complex network (true) or its real twin (false).
    public var complex: Bool
    /// How the complex network's pooled features become real logits (default |z|).
    public var outputHead = OutputHead.modulus

    /// The default sizes with `classes` outputs and the given activation (cardioid by default).
    public init(classes: Int, activation: ActivationKind = .cardioid, complex: Bool = true) {
        self.classes = classes
        self.activation = activation
        self.complex = complex
    }

    /// The real twin's configuration: the same layers with real tensors and `activation`.
    public func realTwin(activation: ActivationKind = .relu) -> PooledCNNConfiguration {
        var twin = self
        twin.complex = false
        twin.activation = activation
        return twin
    }

    /// Checks every field, throwing an error that names the bad one and its value.
    public func validate() throws(PooledCNNConfigurationError) {
        func check(_ ok: Bool, _ field: String, _ value: Any, _ reason: String) throws(PooledCNNConfigurationError) {
            if !ok { throw PooledCNNConfigurationError(field: field, value: "\(value)", reason: reason) }
        }
        try check(inputChannels >= 1, "inputChannels", inputChannels, "must be at least 1")
        try check(classes >= 2, "classes", classes, "must be at least 2")
        try check(!channels.isEmpty && channels.allSatisfy { $0 >= 1 }, "channels", channels, "needs widths ≥ 1")
        try check(convolutionsPerBlock >= 1, "convolutionsPerBlock", convolutionsPerBlock, "must be at least 1")
        try check(kernel >= 1, "kernel", kernel, "must be at least 1")
        try check(dropout >= 0 && dropout < 1, "dropout", dropout, "must lie in [0, 1)")
        try check(
            globalPooling != .timeMeanMax || (inputRows ?? 0) >= 1, "inputRows", inputRows ?? 0,
            "must be given (≥ 1) for timeMeanMax pooling")
        try check(
            activation.isReal == !complex, "activation", activation,
            "does not suit a \(complex ? "complex" : "real") network")
    }

    /// This configuration with every block's channels scaled by one factor (rounded, at least 1)
    /// so that the network's real parameter count is the closest to `target` — e.g. a complex
    /// network at its real twin's budget (a narrower one: a complex weight counts twice).
    public func scaled(toParameterCount target: Int) throws(PooledCNNConfigurationError) -> PooledCNNConfiguration {
        try validate()
        return ParameterBudget.closest(
            to: target,
            scaled: { factor in
                var c = self
                c.channels = channels.map { max(1, Int((Double($0) * factor).rounded())) }
                return c
            }, parameterCount: { PooledCNN(validated: $0, seed: 0).parameterCount })
    }
}

/// A ``PooledCNNConfiguration`` field with a value the network cannot be built with.
public struct PooledCNNConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The property's name, its value as text, and why it is wrong.
    public let field: String, value: String, reason: String

    public init(field: String, value: String, reason: String) {
        (self.field, self.value, self.reason) = (field, value, reason)
    }

    public var description: String { "pooled CNN: \(field)=\(value) \(reason)" }
}
