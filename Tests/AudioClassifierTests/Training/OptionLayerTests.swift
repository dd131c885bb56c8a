import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import FeatureExtraction
@testable import Models
@testable import Training

/// The typed options layer: command line over `--config` file over the model variant's defaults,
/// field by field, and `--help` stating the defaults training applies.
@Suite struct OptionLayerTests {
    @Test func commandLineWinsOverTheFileWhichWinsOverTheVariantDefaults() throws {
        let directory = TemporaryDirectory()
        let yaml = directory.file("train.yaml")
        try "model: gnn\nlr: 0.5\nepochs: 7\nhop: 256\n".write(to: yaml, atomically: true, encoding: .utf8)
        let cli = try TrainingOverrides.parse(["--lr", "0.001", "--n-fft", "1024"])
        let c = try TrainingOverrides(yamlFile: yaml).overridden(by: cli).configuration()
        #expect(c.architecture.model == .gnn && c.epochs == 7, "from the file")
        #expect(c.learningRate == 0.001 && c.spectral.nFFT == 1024, "from the command line")
        #expect(c.spectral.hopLength == 256, "a feature option from the file, beside one from the command line")
        #expect(c.optimizer == .adamw && c.feature == .phaseCoupling && c.weightDecay == 0, "gnn defaults")
        #expect(cli.setKeys == ["lr", "n_fft"])
    }

    @Test func aFlagGivenOnEitherSideStaysOn() throws {
        let file = try TrainingOverrides.parse(["--match-params", "--model", "cnn"])
        let merged = file.overridden(by: try TrainingOverrides.parse(["--epochs", "2"]))
        #expect(merged.matchParams && merged.model == ModelChoice(.cnn) && merged.epochs == 2)
        #expect(try merged.configuration().architecture.matchParameters)
    }

    /// Every key a configuration file accepted before the options layer is still accepted, and
    /// each is spelt on the command line as the flag `OptionSpelling` derives from it.
    @Test func configurationKeysAreTheFlagsInSnakeCase() throws {
        let trainingKeys = Set(TrainingOverrides.fields.map(\.key))
        let before: Set<String> = [
            "model", "features", "epochs", "batch_size", "batch_slices", "optimizer", "lr", "momentum",
            "weight_decay", "seed", "val", "test", "segment_seconds", "segment_hop", "activation", "match_params",
            "classes", "group_by", "architecture", "channels", "dropout", "global_pooling", "conv1", "conv2", "hidden",
            "kernel", "augment_shift", "augment_gain_db", "augment_snr_db", "augment_time_mask", "augment_freq_mask",
            "mixup", "schedule", "warmup_epochs", "label_smoothing", "class_weights", "patience", "keep", "nodes",
            "node_features", "positional", "edges", "chunks", "neighbours", "learnable_temperature", "graph_layers",
            "graph_hidden", "readout", "residual", "sr", "n_fft", "hop", "n_mels", "n_mfcc", "fmin", "fmax", "top_db",
        ]
        #expect(before.isSubset(of: trainingKeys), "\(before.subtracting(trainingKeys))")
        #expect(
            Set(ExtractionOverrides.fields.map(\.key)) == [
                "features", "dtype", "sr", "n_fft", "hop", "win_length", "window", "center", "n_mels", "fmin", "fmax",
                "htk", "norm", "n_mfcc", "lifter", "top_db",
            ])
        let help = TrainingOverrides.helpMessage(columns: 400)
        for key in trainingKeys {
            #expect(help.contains("--" + key.replacingOccurrences(of: "_", with: "-")), "\(key)")
        }
    }

    /// `--features` takes every input feature (its values come from ``InputFeature/allCases``, so
    /// `if-logmel` and `logmel-coherence` too), and each trains with its own spectral defaults.
    @Test(arguments: InputFeature.allCases)
    func everyInputFeatureIsAnOption(feature: InputFeature) throws {
        let c = try TrainingOverrides.parse(["--features", feature.rawValue]).configuration()
        #expect(c.feature == feature)
        #expect(c.spectral == feature.defaultSpectral)
        let help = TrainingOverrides.helpMessage(columns: 400)
        let values = try #require(help.split(separator: "\n").first { $0.contains("--features <features>") })
        #expect(values.contains(" \(feature.rawValue),") || values.contains(" \(feature.rawValue))"), "\(values)")
    }

    /// For every model variant and option, the default `--help` states for that variant is the
    /// value the configuration built from that variant's arguments holds.
    @Test(arguments: ModelVariant.all)
    func helpStatesTheDefaultsTrainingApplies(variant: ModelVariant) throws {
        let applied = try TrainingOverrides.parse(variant.arguments).configuration()
        let help = HelpDefaults(TrainingOverrides.helpMessage(columns: 400))
        var checked = 0
        for setting in TrainingOverrides.settings where setting.variants.contains(variant) {
            guard let shown = setting.shown else { continue }
            let flag = "--" + setting.field.key.replacingOccurrences(of: "_", with: "-")
            let claimed = try #require(help.claim(flag: flag, variant: variant), "\(flag)")
            let value = shown(applied).map(OptionValueText.describe) ?? setting.whenNil
            #expect(claimed == value, "\(flag) for \(variant)")
            checked += 1
        }
        #expect(checked >= 8, "every variant has defaults to check")
    }

    @Test func aFileValueOfTheWrongKindNamesTheKey() throws {
        let directory = TemporaryDirectory()
        let yaml = directory.file("train.yaml")
        try "optimizer: adamx\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect { try TrainingOverrides(yamlFile: yaml) } throws: {
            guard case .invalidValue(let path, let error)? = $0 as? ConfigurationFileError else { return false }
            return path == yaml.path && error.key == "optimizer" && error.value == "adamx"
                && error.reason.contains("sgd, adam, adamw")
        }
        try "epochs: many\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect { try TrainingOverrides(yamlFile: yaml) } throws: {
            "\($0)" == "epochs: many in \(yaml.path): expected Int"
        }
        try "epochs: 3\nbatchsize: 4\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect(
            throws: ConfigurationFileError.unknownKey(
                path: yaml.path, key: "batchsize", known: TrainingOverrides.fields.map(\.key).sorted())
        ) {
            try TrainingOverrides(yamlFile: yaml)
        }
    }
}

/// The `(default: A; B for x, y)` texts of a help message, read back per model variant.
struct HelpDefaults {
    /// Each option's help entry on one line: `--lr <lr> Learning rate. (default: …)`.
    let entries: [String]

    init(_ help: String) {
        var entries: [String] = []
        for line in help.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-") || entries.isEmpty {
                entries.append(trimmed)
            } else {
                entries[entries.count - 1] += " " + trimmed
            }
        }
        self.entries = entries
    }

    /// The default `flag`'s help states for `variant`.
    func claim(flag: String, variant: ModelVariant) -> String? {
        let entry = entries.first { $0.hasPrefix(flag + " ") || $0.hasPrefix(flag + "/") }
        guard let entry, let start = entry.range(of: "(default: ") else { return nil }
        var text = entry[start.upperBound...]
        var depth = 1
        var end = text.startIndex
        while end < text.endIndex, depth > 0 {
            if text[end] == "(" { depth += 1 } else if text[end] == ")" { depth -= 1 }
            if depth > 0 { end = text.index(after: end) }
        }
        text = text[..<end]
        let parts = text.components(separatedBy: "; ")
        for part in parts.dropFirst() {
            guard let range = part.range(of: " for ", options: .backwards) else { continue }
            let names = part[range.upperBound...].components(separatedBy: ", ")
            if names.contains(where: { Self.name($0, covers: variant) }) { return String(part[..<range.lowerBound]) }
        }
        return parts.first
    }

    /// Whether a variant name of the help (`pooled cvcnn/cnn`, `cvcnn/cnn`, `gnn`) covers `variant`.
    static func name(_ name: String, covers variant: ModelVariant) -> Bool {
        let words = name.split(separator: " ").map(String.init)
        let models = (words.last ?? "").split(separator: "/").map(String.init)
        let designMatches = words.count == 1 || words[0] == variant.design.rawValue
        return models.contains(variant.model.rawValue) && (designMatches || !variant.isConvolutional)
    }
}
