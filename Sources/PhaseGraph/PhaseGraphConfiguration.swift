import ComplexNN

/// The architecture of a phase-edge graph network (``PhaseGraphNetwork``): how each input
/// spectrogram becomes a graph, how edges are weighted, and the graph convolution stack.
///
/// The input is the same tensor the CVCNN takes, `[batch, 1, rows, frames]` — e.g. the
/// `phase-coupling` feature (|z| the log magnitude of mel bands, arg z their quadratic phase
/// coupling φ(2f) − 2φ(f)) or `phase-mfcc` (|z| the MFCC values, arg z = DCT(mel·angle(STFT))).
/// Defaults (the best measured on the real-audio benchmark, bench/README.md): 13 rows × 130
/// frames, one node per row with learnt node features (``NodeEncoder``) and a learnt vector per
/// node position, PLV edges,
/// three graph convolutions of 128 features with residuals, max readout.
public struct PhaseGraphConfiguration: Sendable, Codable, Equatable {
    /// Which parts of the spectrogram become nodes.
    public enum NodeSet: String, Sendable, Codable, CaseIterable {
        /// One node per row (MFCC coefficient, as the reference): feature = the row's time series
        /// (|z|, or z for complex edges), `frames` values; phase sequence = arg z over time.
        case mfcc
        /// One node per time chunk: the frames are split into `chunks` contiguous chunks; feature =
        /// the chunk's mean column (mean |z|, or mean z for complex edges), `rows` values; phase
        /// sequence = per row, the circular mean phase of the chunk, arg Σ_t exp(i·arg z[r, t]).
        case frames
    }

    /// How edge weights are derived from the phase sequences φ_i(l), l = 1…L, of two nodes
    /// (L = frames for `mfcc` nodes, rows for `frames` nodes).
    public enum EdgeWeighting: String, Sendable, Codable, CaseIterable {
        /// Unweighted: w_ij = 1 on every edge (the ablation without phase).
        case none
        /// s_ij = 1 − mean_l |wrap(φ_i(l) − φ_j(l))|/π ∈ [0, 1], wrap into (−π, π]: the reference's
        /// mean absolute phase difference mapped to a similarity (1 = identical phases).
        case phaseDiff
        /// Phase-locking value s_ij = |mean_l exp(i(φ_i(l) − φ_j(l)))| ∈ [0, 1].
        case plv
        /// Complex (Hermitian) weights A_ij = mean_l exp(i(φ_i(l) − φ_j(l))) = PLV_ij·exp(i·Δ_ij),
        /// with a Hermitian-normalised complex convolution, complex node features and complex layers.
        case complex
        /// PLV of the phase advances, s_ij = |mean_l exp(i(Δφ_i(l) − Δφ_j(l)))| ∈ [0, 1] with
        /// Δφ(l) = φ(l) − φ(l−1), l = 2…L: whether two nodes' instantaneous frequencies move
        /// together. A node's constant frequency (the STFT's advance of 2π·f·hop/sr per frame) drops
        /// out, which makes the raw phase of real audio look like noise to ``plv``.
        case phaseAdvance
    }

    /// What each `mfcc` node's feature vector holds (ignored for `frames` nodes, which hold their
    /// chunk's mean column).
    public enum NodeFeatures: String, Sendable, Codable, CaseIterable {
        /// The row's |z| (or z) over time, `frames` values: a clip offset changes it completely.
        case series
        /// Shift-invariant summaries of the row's |z| (``NodeStatistics``): mean, standard
        /// deviation and the modulation spectrum in octave bands (9 values for 130 frames).
        case statistics
        /// The row's |z| over time through a temporal encoder learnt with the network and shared
        /// by every node (``NodeEncoder``): two 1-D convolutions, then the mean plus the maximum
        /// over time, `encoderChannels` values — shift-invariant like ``statistics`` (up to the
        /// clip's borders), but learnt instead of fixed.
        case learned
    }

    /// How node features are pooled into one vector per graph.
    public enum Readout: String, Sendable, Codable, CaseIterable {
        /// Mean over nodes.
        case mean
        /// Maximum over nodes per feature (for complex features, the value of largest |z|).
        case max
        /// Softmax attention over nodes: α = softmax_n(score(h_n)), output Σ_n α_n·h_n, with a
        /// learned linear score (|score| for complex features).
        case attention
    }

    /// Input height (rows of the spectrogram, e.g. 13 MFCCs).
    public var rows = 13
    /// Input width (frames).
    public var frames = 130
    /// Number of output classes (2 for a binary task).
    public var classes: Int
    public var nodes = NodeSet.mfcc
    /// Number of time chunks for `frames` nodes (ignored for `mfcc` nodes); 1…frames.
    public var chunks = 16
    /// nil: fully connected graph; k: edges only between nodes whose indices differ by at most k
    /// (k-nearest in time for `frames` nodes, in coefficient order for `mfcc` nodes).
    public var neighbours: Int?
    public var edges = EdgeWeighting.plv
    /// Learn a temperature τ (one scalar, initial value `initialTemperature`) that maps each
    /// similarity s ∈ [0, 1] to the edge weight w = exp(τ·(s − 1)) ∈ (0, 1] for τ ≥ 0 (for
    /// `complex` edges s is the PLV and the phase is kept). Needs weighted edges.
    public var learnableTemperature = false
    public var initialTemperature: Float = 1
    /// Divide each sample's node features by the root mean square of that sample's |z| (one
    /// scale per sample, 1 for an all-zero sample; no statistics shared across the batch), so raw
    /// MFCC magnitudes in the hundreds do not saturate the layers. Phases are unaffected.
    public var normalizeInput = true
    /// What `mfcc` nodes carry; nil (bundles written before it existed) means `series`.
    public var nodeFeatures: NodeFeatures? = .learned
    /// Append a one-hot code of the node's index to its features (`nodeCount` values), so that the
    /// shared weights and the order-invariant readout can tell coefficient 0 from coefficient 12;
    /// nil (bundles written before it existed) means false.
    public var positional: Bool? = true
    /// Channels of the ``NodeFeatures/learned`` encoder's convolutions (its output width); nil
    /// (bundles written before it existed) means 32.
    public var encoderChannels: Int? = nil
    /// Width of every graph convolution's output.
    public var hiddenFeatures = 128
    /// Number of stacked graph convolutions (≥ 1).
    public var layers = 3
    /// Add each convolution's input to its output when the widths match (every layer after the first).
    public var residual = true
    public var readout = Readout.max
    /// The activation after each convolution; nil means ReLU for real networks and cardioid for
    /// complex ones (`complex` edges).
    public var activation: ActivationKind?

    /// A configuration with the defaults above for `classes` outputs and the given edges.
    public init(classes: Int, nodes: NodeSet = .mfcc, edges: EdgeWeighting = .plv) {
        self.classes = classes
        self.nodes = nodes
        self.edges = edges
    }

    /// Whether the network is complex-valued (complex edges, features and layers).
    public var isComplex: Bool { edges == .complex }

    /// The number of nodes per graph.
    public var nodeCount: Int { nodes == .mfcc ? rows : chunks }

    /// The node features actually used (`series` when unset).
    public var resolvedNodeFeatures: NodeFeatures { nodeFeatures ?? .series }

    /// The ``NodeFeatures/learned`` encoder's width (32 when unset).
    public var resolvedEncoderChannels: Int { encoderChannels ?? 32 }
    /// Whether node features come from the learnt temporal encoder.
    public var learnsNodeFeatures: Bool { nodes == .mfcc && resolvedNodeFeatures == .learned }
    /// The length of each node's signal as ``GraphBatch`` hands it over: `rows` for `frames` nodes,
    /// the series (`frames` values, also the encoder's input) or its statistics for `mfcc` nodes.
    public var nodeSignalCount: Int {
        nodes == .frames ? rows : (resolvedNodeFeatures == .statistics ? NodeStatistics.count(length: frames) : frames)
    }
    /// The length of each node's feature vector as the first graph convolution reads it: the
    /// signal and the one-hot position, or the encoder's output (positions added in it).
    public var nodeFeatureCount: Int {
        learnsNodeFeatures ? resolvedEncoderChannels : nodeSignalCount + (positional == true ? nodeCount : 0)
    }

    /// The length of each node's phase sequence: frames for `mfcc` nodes, rows for `frames` nodes.
    public var phaseLength: Int { nodes == .mfcc ? frames : rows }

    /// The activation actually used.
    public var resolvedActivation: ActivationKind { activation ?? (isComplex ? .cardioid : .relu) }

    /// Checks every field, throwing an error that names the bad value.
    public func validate() throws(PhaseGraphError) {
        func check(_ ok: Bool, _ field: String, _ value: Any, _ reason: String) throws(PhaseGraphError) {
            if !ok { throw .invalidConfiguration(field: field, value: "\(value)", reason: reason) }
        }
        try check(rows >= 1, "rows", rows, "must be at least 1")
        try check(frames >= 1, "frames", frames, "must be at least 1")
        try check(classes >= 2, "classes", classes, "must be at least 2")
        try check(
            nodes == .mfcc || (1...frames).contains(chunks), "chunks", chunks, "must lie in 1...\(frames) (the frames)")
        try check(
            neighbours.map { $0 >= 1 } ?? true, "neighbours", neighbours ?? 0,
            "must be at least 1 (omit it for a fully connected graph)")
        try check(
            edges != .phaseAdvance || phaseLength >= 2, "edges", edges,
            "needs phase sequences of at least 2 values (\(nodes == .mfcc ? "frames" : "rows")=\(phaseLength))")
        try check(hiddenFeatures >= 1, "hiddenFeatures", hiddenFeatures, "must be at least 1")
        try check(
            resolvedEncoderChannels >= 1, "encoderChannels", resolvedEncoderChannels, "must be at least 1")
        try check(layers >= 1, "layers", layers, "must be at least 1")
        try check(
            !learnableTemperature || edges != .none, "learnableTemperature", learnableTemperature,
            "needs weighted edges, not 'none'")
        try check(initialTemperature.isFinite, "initialTemperature", initialTemperature, "must be finite")
        try check(
            resolvedActivation.isReal != isComplex && resolvedActivation != .modReLU, "activation", resolvedActivation,
            "does not suit a \(isComplex ? "complex" : "real") network (modReLU is not supported)")
    }

    /// Checks that `input` is `[batch, 1, rows, frames]` and carries phase when the edges need it.
    public func validate(input: Tensor) throws(PhaseGraphError) {
        guard input.shape.count == 4, input.shape[0] >= 1, Array(input.shape.dropFirst()) == [1, rows, frames] else {
            throw .inputShape(expected: [1, rows, frames], found: input.shape)
        }
        if edges != .none, !input.isComplex { throw .realInputNeedsUnweightedEdges(edges: edges) }
    }
}
