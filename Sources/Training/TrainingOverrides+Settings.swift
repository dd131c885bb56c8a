import ArgumentParser
import ClassifierSupport
import ComplexNN
import FeatureExtraction
import Models

/// One option of ``TrainingOverrides``: how it is read and merged (``field``), where its value
/// goes in a ``TrainingConfiguration`` (``apply``; `nil` for the few that ``TrainingOverrides/
/// configuration()`` applies itself), the model variants it concerns and the default it shows,
/// read from each variant's defaults — so `--help` states what training applies.
struct TrainingSetting {
    let field: OptionField<TrainingOverrides>
    let apply: ((TrainingOverrides, inout TrainingConfiguration) -> Void)?
    let variants: [ModelVariant]
    /// The value training uses for a variant's defaults (`nil`: ``whenNil``).
    let shown: ((TrainingConfiguration) -> Any?)?
    let whenNil: String

    /// `(default: 0.002; 0.01 for paper cvcnn/cnn, gnn)`, or nothing when it shows no default.
    var defaultText: String {
        guard let shown else { return "" }
        return ModelVariant.defaultText(
            variants.map { ($0, shown($0.defaults).map(OptionValueText.describe) ?? whenNil) })
    }
}

extension TrainingSetting {
    /// An option that sets `target` when given.
    init<T: Decodable>(
        _ key: String, _ option: WritableKeyPath<TrainingOverrides, T?>,
        _ target: WritableKeyPath<TrainingConfiguration, T>, for variants: [ModelVariant] = ModelVariant.all,
        shown: ((TrainingConfiguration) -> Any?)? = nil
    ) {
        self.init(
            field: OptionField(key, option),
            apply: { o, c in if let value = o[keyPath: option] { c[keyPath: target] = value } },
            variants: variants, shown: shown ?? { $0[keyPath: target] }, whenNil: "none")
    }

    /// An option that sets the optional `target` when given (`nil` there shows as `whenNil`).
    init<T: Decodable>(
        _ key: String, _ option: WritableKeyPath<TrainingOverrides, T?>,
        _ target: WritableKeyPath<TrainingConfiguration, T?>, for variants: [ModelVariant] = ModelVariant.all,
        whenNil: String = "none", shown: ((TrainingConfiguration) -> Any?)? = nil
    ) {
        self.init(
            field: OptionField(key, option),
            apply: { o, c in if let value = o[keyPath: option] { c[keyPath: target] = value } },
            variants: variants, shown: shown ?? { $0[keyPath: target] }, whenNil: whenNil)
    }

    /// An option ``TrainingOverrides/configuration()`` applies itself.
    init(
        _ field: OptionField<TrainingOverrides>, for variants: [ModelVariant] = ModelVariant.all,
        whenNil: String = "none", shown: ((TrainingConfiguration) -> Any?)?
    ) {
        self.init(field: field, apply: nil, variants: variants, shown: shown, whenNil: whenNil)
    }
}

extension TrainingOverrides {
    /// Every option, in the order of `--help`.
    static var settings: [TrainingSetting] {
        let (optimized, pooled, paper, gnn) = (
            ModelVariant.optimized, ModelVariant.convolutional(.pooled), ModelVariant.convolutional(.paper),
            ModelVariant.gnn
        )
        let model: [TrainingSetting] = [
            .init(.init("model", \.model), for: [.standard], shown: { $0.architecture.model }),
            .init(.init("features", \.features), shown: { $0.feature }),
            .init("epochs", \.epochs, \.epochs, for: optimized),
            .init("batch_size", \.batchSize, \.batchSize, for: optimized),
            .init("batch_slices", \.batchSlices, \.batchSlices, for: optimized, whenNil: "one per rank"),
            .init("optimizer", \.optimizer, \.optimizer, for: optimized),
            .init("lr", \.learningRate, \.learningRate, for: optimized),
            .init("momentum", \.momentum, \.momentum, for: optimized),
            .init("weight_decay", \.weightDecay, \.weightDecay, for: optimized),
            .init("seed", \.seed, \.seed),
            .init("val", \.validationFraction, \.validationFraction),
            .init("test", \.testFraction, \.testFraction),
            .init(.init("segment_seconds", \.segmentSeconds), shown: { $0.segmenting.segmentSeconds }),
            .init(
                .init("segment_hop", \.segmentHop), whenNil: "half a segment",
                shown: { $0.segmenting.hopSeconds == $0.segmenting.segmentSeconds / 2 ? nil : $0.segmenting.hopSeconds }
            ),
            .init(
                "activation", \.activation, \.architecture.activation, for: optimized,
                shown: { $0.defaultArchitecture?.activation }),
            .init(.init(flag: "match_params", \.matchParams), shown: nil),
            .init("classes", \.classes, \.classes, whenNil: "all"),
            .init("group_by", \.groupBy, \.groupBy, whenNil: "the 'group' column if present"),
            .init("hold_out_by", \.holdOutBy, \.holdOutBy, whenNil: "none: by group"),
        ]
        return model + networks(pooled: pooled, paper: paper) + recipe(optimized) + graph(gnn)
            + SpectralOverrides.fields.map { .init($0.lifted(\.spectral), shown: nil) }
            + [
                .init("keep", \.keep, \.keep, for: optimized),
                .init("ensemble", \.ensemble, \.ensemble, whenNil: "1, a single network"),
                .init(.init(flag: "refit", \.refit), shown: nil),
                .init(
                    field: .init("init_from", \.initFrom),
                    apply: { o, c in if let bundle = o.initFrom { c.initFrom = InitialWeights(bundle: bundle) } },
                    variants: optimized, shown: nil, whenNil: "none"),
            ]
    }

    private static func networks(pooled: [ModelVariant], paper: [ModelVariant]) -> [TrainingSetting] {
        [
            .init(.init("architecture", \.architecture), for: [.standard], shown: { $0.architecture.design }),
            .init(
                "channels", \.channels, \.architecture.channels, for: pooled,
                shown: { $0.defaultArchitecture?.pooled?.channels }),
            .init(
                "dropout", \.dropout, \.architecture.dropout, for: pooled,
                shown: { $0.defaultArchitecture?.pooled?.dropout }),
            .init(
                "global_pooling", \.globalPooling, \.architecture.globalPooling, for: pooled,
                shown: { $0.defaultArchitecture?.pooled?.globalPooling }),
            .init("conv1", \.conv1, \.architecture.firstChannels, for: paper),
            .init("conv2", \.conv2, \.architecture.secondChannels, for: paper),
            .init("hidden", \.hidden, \.architecture.hiddenFeatures, for: paper),
            .init("kernel", \.kernel, \.architecture.kernel, for: paper),
        ]
    }

    private static func recipe(_ optimized: [ModelVariant]) -> [TrainingSetting] {
        [
            .init("augment_shift", \.augmentShift, \.augmentation.shiftFrames, for: optimized),
            .init("augment_gain_db", \.augmentGainDb, \.augmentation.gainDB, for: optimized),
            .init("augment_snr_db", \.augmentSnrDb, \.augmentation.snrDB, for: optimized),
            .init("augment_time_mask", \.augmentTimeMask, \.augmentation.timeMaskFrames, for: optimized),
            .init("augment_freq_mask", \.augmentFreqMask, \.augmentation.frequencyMaskRows, for: optimized),
            .init("mixup", \.mixup, \.augmentation.mixupAlpha, for: optimized, whenNil: "off"),
            .init("augment_filter_db", \.augmentFilterDb, \.augmentation.filterDB, for: optimized, whenNil: "off"),
            .init("mix_style", \.mixStyle, \.augmentation.mixStyleProbability, for: optimized, whenNil: "off"),
            .init("schedule", \.schedule, \.currentRecipe.schedule, for: optimized),
            .init("warmup_epochs", \.warmupEpochs, \.currentRecipe.warmupEpochs, for: optimized),
            .init("label_smoothing", \.labelSmoothing, \.currentRecipe.labelSmoothing, for: optimized),
            .init("class_weights", \.classWeights, \.currentRecipe.classWeighting, for: optimized),
            .init("patience", \.patience, \.currentRecipe.patience, for: optimized, whenNil: "run every epoch"),
        ]
    }

    private static func graph(_ gnn: [ModelVariant]) -> [TrainingSetting] {
        [
            .init("nodes", \.nodes, \.architecture.graph.nodes, for: gnn),
            .init("node_features", \.nodeFeatures, \.architecture.graph.nodeFeatures, for: gnn),
            .init("positional", \.positional, \.architecture.graph.positional, for: gnn),
            .init("edges", \.edges, \.architecture.graph.edges, for: gnn),
            .init("chunks", \.chunks, \.architecture.graph.chunks, for: gnn),
            .init("neighbours", \.neighbours, \.architecture.graph.neighbours, for: gnn, whenNil: "fully connected"),
            .init(.init(flag: "learnable_temperature", \.learnableTemperature), for: gnn, shown: nil),
            .init("graph_layers", \.graphLayers, \.architecture.graph.layers, for: gnn),
            .init("graph_hidden", \.graphHidden, \.architecture.graph.hiddenFeatures, for: gnn),
            .init("readout", \.readout, \.architecture.graph.readout, for: gnn),
            .init("residual", \.residual, \.architecture.graph.residual, for: gnn),
        ]
    }

    /// `text` followed by the option's per-variant default (from ``settings``).
    static func help(_ key: String, _ text: String) -> ArgumentHelp {
        let shown = settings.first { $0.field.key == key }?.defaultText ?? ""
        return ArgumentHelp(shown.isEmpty ? text : "\(text) \(shown)")
    }
}

extension ModelArchitecture {
    /// The pooled network's configuration, if this is one.
    var pooled: PooledCNNConfiguration? {
        if case .pooled(let configuration) = self { configuration } else { nil }
    }

    /// The activation the network uses (`nil` for the linear baseline).
    var activation: ActivationKind? {
        switch self {
        case .pooled(let c): c.activation
        case .cvcnn(let c), .cnn(let c): c.activation
        case .gnn(let c): c.resolvedActivation
        case .linear: nil
        }
    }
}

extension TrainingConfiguration {
    /// ``recipe``, or the standard recipe for configurations without one (set: ``recipe``).
    var currentRecipe: TrainingRecipe {
        get { recipe ?? TrainingRecipe() }
        set { recipe = newValue }
    }
}
