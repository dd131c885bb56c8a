import ComplexNN
import Foundation
import Logging
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import FeatureExtraction
@testable import Models
@testable import Training

/// `--init-from BUNDLE`: a network starting from a bundle trained on two of the tiny dataset's
/// classes (the paper's CVCNN made small, 1 epoch), trained once for the suite.
@Suite(.serialized) struct WeightTransferTests {
    private final class Pretrained: @unchecked Sendable {
        let dataset: TinyDataset
        let bundle: URL

        init() throws {
            dataset = try TinyDataset()
            bundle = dataset.directory.file("pretrained")
            var c = TinyDataset.configuration(epochs: 1)
            c.classes = ["techno", "ambient"]
            try dataset.trainBundle(c, into: bundle)
        }
    }

    private static let pretrained = Result { try Pretrained() }
    private func pretrained() throws -> Pretrained { try Self.pretrained.get() }

    /// The architecture `c` builds for `classes` outputs.
    private func architecture(_ c: TrainingConfiguration, classes: Int) throws -> ModelArchitecture {
        try c.architecture.architecture(
            rows: c.feature.rows(c.spectral), frames: c.framesPerSegment, classes: classes, complex: c.feature.isComplex
        )
    }

    /// Three classes from a two-class bundle: every tensor but the output layer's takes the bundle's
    /// values; the output layer keeps the seed's initialisation.
    @Test func otherClassesKeepEveryLayerButTheOutputLayer() throws {
        let p = try pretrained()
        let c = TinyDataset.configuration()
        let architecture = try architecture(c, classes: 3)
        let transfer = try WeightTransfer(bundle: p.bundle.path, configuration: c)
            .fitted(to: architecture, labels: ["techno", "ambient", "noise"])
        #expect(transfer.fresh == ["fc2.weight", "fc2.bias"], "the output layer only: \(transfer.fresh)")
        let model = try architecture.makeModel(seed: c.seed), random = try architecture.makeModel(seed: c.seed)
        try transfer.apply(to: model)
        let source = Dictionary(uniqueKeysWithValues: try ModelBundle(directory: p.bundle).members[0].namedState())
        let initial = Dictionary(uniqueKeysWithValues: random.namedState())
        for (name, tensor) in model.namedState() {
            let expected = transfer.fresh.contains(name) ? initial[name]! : source[name]!
            #expect(tensor.real == expected.real && tensor.imaginary == expected.imaginary, "\(name)")
        }
        #expect(transfer.summary.contains("every layer but the output layer (fc2.weight, fc2.bias)"))
    }

    /// The bundle's own labels, in its order (that of its `classes`): the output layer is kept too, so the network is the
    /// bundle's; the same labels in another order start the output layer afresh.
    @Test func theSameLabelsKeepTheOutputLayer() throws {
        let p = try pretrained()
        let c = TinyDataset.configuration()
        let architecture = try architecture(c, classes: 2)
        let same = try WeightTransfer(bundle: p.bundle.path, configuration: c)
            .fitted(to: architecture, labels: ["techno", "ambient"])
        #expect(same.fresh.isEmpty)
        let model = try architecture.makeModel(seed: 99)
        try same.apply(to: model)
        #expect(stateDigest(model) == stateDigest(try ModelBundle(directory: p.bundle).members[0]))
        let swapped = try WeightTransfer(bundle: p.bundle.path, configuration: c)
            .fitted(to: architecture, labels: ["ambient", "techno"])
        #expect(swapped.fresh == ["fc2.weight", "fc2.bias"])
    }

    /// A bundle that cannot start the run is refused before training, saying why: another input
    /// feature, other spectral settings, another network, an ensemble, no bundle at all.
    @Test func aBundleThatDoesNotFitIsRefused() throws {
        let p = try pretrained()
        let c = TinyDataset.configuration()
        func reason(_ change: (inout TrainingConfiguration) -> Void, bundle: String? = nil) throws -> String {
            var changed = c
            change(&changed)
            let built = try architecture(changed, classes: 3)
            do {
                _ = try WeightTransfer(bundle: bundle ?? p.bundle.path, configuration: changed)
                    .fitted(to: built, labels: ["a", "b", "c"])
            } catch {
                return error.message(naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
            }
            Issue.record("no error")
            return ""
        }
        let path = p.bundle.path
        #expect(
            try reason {
                $0.feature = .logMel; $0.spectral = InputFeature.logMel.defaultSpectral
            }
                == "--init-from \(path): was trained on the feature mfcc and this run reads logmel (give --features mfcc)"
        )
        #expect(try reason { $0.spectral.nMels = 20 }.contains("other spectral settings than this run's"))
        #expect(try reason { $0.architecture.hiddenFeatures = 8 }.contains("its network (cvcnn "))
        var ensemble = TinyDataset.configuration(epochs: 1)
        (ensemble.classes, ensemble.ensemble) = (["techno", "ambient"], 2)
        let ensembleBundle = p.dataset.directory.file("ensemble")
        try p.dataset.trainBundle(ensemble, into: ensembleBundle)
        #expect(
            try reason({ _ in }, bundle: ensembleBundle.path).hasSuffix(
                "holds an ensemble of 2 networks; give a bundle of one network"))
        #expect(
            try reason({ _ in }, bundle: "/nonexistent/bundle").hasPrefix(
                "--init-from /nonexistent/bundle: no model here"))
    }

    /// `model.json` records the bundle a run started from, with the SHA-256 of its weights; the log
    /// says what was loaded; the run trains from there, not from the seed's start.
    @Test func aRunRecordsWhereItStarted() throws {
        let p = try pretrained()
        var c = TinyDataset.configuration(epochs: 1)
        c.initFrom = InitialWeights(bundle: p.bundle.path)
        let log = LogRecorder()
        let manifest = try p.dataset.trainBundle(c, into: p.dataset.directory.file("fine-tuned"), log: log)
        let source = try ModelBundle(directory: p.bundle)
        #expect(
            manifest.training.initFrom
                == InitialWeights(bundle: p.bundle.path, weightsSHA256: source.manifest.weightsSHA256))
        #expect(
            log.messages(at: .info).contains { $0.hasPrefix("init: starting from \(p.bundle.path) (cvcnn ") },
            "\(log.messages(at: .info))")
        let plain = try p.dataset.trainBundle(
            TinyDataset.configuration(epochs: 1), into: p.dataset.directory.file("plain"))
        #expect(plain.weightsSHA256 != manifest.weightsSHA256)
    }

    /// The linear baseline's fit has nothing to start from: the setting is refused by its key.
    @Test func theLinearModelRefusesAStart() {
        var c = TrainingConfiguration(model: .linear)
        c.initFrom = InitialWeights(bundle: "b")
        #expect(throws: ConfigurationError.self) { try c.validate() }
    }
}
