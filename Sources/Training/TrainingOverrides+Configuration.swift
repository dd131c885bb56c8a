import ClassifierSupport
import ComplexNN
import Models

extension TrainingOverrides {
    /// One configuration per family of `--model` (``ModelChoice``), in its order: each family's
    /// ``configuration(for:)``.
    public func configurations() throws(ConfigurationError) -> [TrainingConfiguration] {
        if let initFrom, let model, model.kinds.count > 1 {
            throw ConfigurationError(
                key: "init_from", value: initFrom,
                reason:
                    "starts one network, and {model} \(model) trains \(model.kinds.count): train the family it fits on its own"
            )
        }
        var result: [TrainingConfiguration] = []
        for kind in model?.kinds ?? [ModelVariant.standard.model] { result.append(try configuration(for: kind)) }
        return result
    }

    /// The configuration of the one family of `--model`.
    /// - Throws: ``ConfigurationError`` when `--model` names several (use ``configurations()``).
    public func configuration() throws(ConfigurationError) -> TrainingConfiguration {
        let all = try configurations()
        guard all.count == 1 else {
            throw ConfigurationError(key: "model", value: "\(model!)", reason: "names several models; this needs one")
        }
        return all[0]
    }

    /// The model variant's defaults (``TrainingConfiguration/init(model:design:)``, with the
    /// feature's spectral defaults) and then every option set here; a bad value is an error naming
    /// the option by its key.
    private func configuration(for kind: ModelKind) throws(ConfigurationError) -> TrainingConfiguration {
        var c = TrainingConfiguration(model: kind, design: architecture ?? ModelVariant.standard.design)
        c.feature = features ?? c.feature
        c.spectral = spectral.applied(to: c.feature.defaultSpectral)
        c.architecture.matchParameters = matchParams || c.architecture.matchParameters
        c.architecture.graph.learnableTemperature = learnableTemperature || c.architecture.graph.learnableTemperature
        if refit { c.refit = true }
        if segmentSeconds != nil || segmentHop != nil {
            c.segmenting = try Segmenting(
                segmentSeconds: segmentSeconds ?? c.segmenting.segmentSeconds, hopSeconds: segmentHop)
        }
        for setting in Self.settings { setting.apply?(self, &c) }
        if c.ensemble == 1 { c.ensemble = nil }  // one network: the settings of a run without ensembles
        try checkDesignOptions(ModelVariant(model: c.architecture.model, design: c.architecture.design))
        try c.validate()
        return c
    }

    /// Options of the other convolutional design are refused rather than silently ignored.
    private func checkDesignOptions(_ variant: ModelVariant) throws(ConfigurationError) {
        guard variant.isConvolutional else { return }
        let other: ConvolutionalDesign = variant.design == .pooled ? .paper : .pooled
        let foreign = Self.settings.filter { $0.variants == ModelVariant.convolutional(other) }
        guard let setting = foreign.first(where: { $0.field.isSet(self) }) else { return }
        throw ConfigurationError(
            key: setting.field.key, value: OptionValueText.describe(setting.field.value(self) as Any),
            reason: "applies to {architecture} \(other.rawValue), not \(variant.design.rawValue)")
    }
}
