import ComplexNN
import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Models
@testable import Training

@Suite struct TrainingConfigurationTests {
    @Test func paperDesignHasThePapersSizesAndTraining() throws {
        let c = try TrainingOverrides.parse(["--architecture", "paper"]).configuration()
        #expect(c.feature == .mfcc && c.spectral.nMels == 13 && c.spectral.nMFCC == 13)
        #expect(c.framesPerSegment == 129 && c.optimizer == .sgd && c.learningRate == 0.01 && c.momentum == 0.9)
        let architecture = try c.architecture.architecture(rows: 13, frames: 129, classes: 10)
        guard case .cvcnn(let cvcnn) = architecture else { Issue.record("not a cvcnn"); return }
        #expect(
            cvcnn.activation == .cardioid && cvcnn.firstChannels == 10 && cvcnn.secondChannels == 20
                && cvcnn.hiddenFeatures == 500)
        #expect(
            cvcnn.flattenedShape.height * cvcnn.flattenedShape.width * 20 == 20 * 2 * 31,
            "flatten follows the 13×129 input")
    }

    /// The default cvcnn is the pooled network on log-mel with AdamW, the cnn the same on the
    /// spectral descriptors; gnn reads phase coupling.
    @Test func defaultsFollowTheModelFamily() throws {
        let c = try TrainingOverrides.unset.configuration()
        #expect(c.architecture.model == .cvcnn && c.architecture.design == .pooled)
        #expect(c.feature == .logMel && c.spectral.nMels == 40 && c.optimizer == .adamw && c.learningRate == 0.002)
        #expect(c.architecture.globalPooling == .timeMeanMax && c.recipe?.schedule == .cosine)
        let cnn = try TrainingOverrides.parse(["--model", "cnn"]).configuration()
        #expect(cnn.feature == .descriptors && cnn.spectral.nMels == 64 && cnn.optimizer == .adamw)
        let gnn = try TrainingOverrides.parse(["--model", "gnn"])
        #expect(try gnn.configuration().feature == .phaseCoupling, "the gnn's default edges read phases")
        #expect(try gnn.configuration().optimizer == .adamw && (try gnn.configuration().epochs) == 40)
    }

    @Test func yamlKeysMirrorOptionsAndTheCommandLineWins() throws {
        let directory = TemporaryDirectory()
        let yaml = directory.file("train.yaml")
        try "model: cnn\nepochs: 7\nlr: 0.5\nclasses: [rock, jazz]\nn_mfcc: 12\nfeatures: mfcc\nkeep: last\n".write(
            to: yaml, atomically: true, encoding: .utf8)
        let cli = try TrainingOverrides.parse(["--lr", "0.001"])
        let c = try TrainingOverrides(yamlFile: yaml).overridden(by: cli).configuration()
        #expect(c.architecture.model == .cnn && c.epochs == 7 && c.learningRate == 0.001)
        #expect(
            c.keep == .last && c.classes == ["rock", "jazz"] && c.feature == .mfcc && c.spectral.nMFCC == 12
                && c.spectral.nMels == 13)
        try "epochs: 3\nbatchsize: 4\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect { try TrainingOverrides(yamlFile: yaml) } throws: { "\($0)".contains("unknown key 'batchsize'") }
    }

    /// Errors name the setting by its key and quote the value (only the CLI knows flag spellings).
    @Test func badNumbersAreRejectedQuotingThem() {
        var o = TrainingOverrides.unset
        o.epochs = 0
        #expect { try o.configuration() } throws: {
            ($0 as? ConfigurationError)?.key == "epochs" && "\($0)" == "epochs=0: must be positive"
        }
        o.epochs = 1
        o.validationFraction = 0.6
        o.testFraction = 0.5
        #expect { try o.configuration() } throws: { "\($0)".contains("val=0.6: and test=0.5") }
        o.validationFraction = nil
        o.testFraction = nil
        o.model = ModelChoice(.cnn)
        o.features = .complexLogMel
        #expect { try o.configuration() } throws: {
            "\($0)".contains("features=complex-logmel: is complex and model cnn is real-valued")
        }
        (o.model, o.features, o.momentum) = (nil, nil, .nan)
        #expect { try o.configuration() } throws: { "\($0)" == "momentum=nan: must be a finite number" }
        (o.momentum, o.weightDecay) = (nil, .infinity)
        #expect { try o.configuration() } throws: { "\($0)" == "weight_decay=inf: must be a finite number" }
    }

    @Test func stftDefaultsToA256PointFFT() throws {
        var o = TrainingOverrides.unset
        o.features = .stft
        let c = try o.configuration()
        #expect(c.spectral.nFFT == 256 && c.feature.rows(c.spectral) == 129)
    }

    /// The widened twin's real parameter count is within 5 % of the complex model's, for both designs.
    @Test(arguments: [ConvolutionalDesign.paper, .pooled])
    func matchParamsWidensTheTwinToTheComplexCount(design: ConvolutionalDesign) throws {
        var options = ArchitectureOptions()
        options.design = design
        (options.firstChannels, options.secondChannels, options.hiddenFeatures) = (4, 6, 16)
        let complex = try options.architecture(rows: 13, frames: 21, classes: 3).parameterCount()
        options.model = .cnn
        let plain = try options.architecture(rows: 13, frames: 21, classes: 3).parameterCount()
        options.matchParameters = true
        let matched = try options.architecture(rows: 13, frames: 21, classes: 3).parameterCount()
        #expect(plain < complex)
        #expect(abs(Double(matched - complex)) / Double(complex) < 0.05, "\(matched) vs \(complex)")
    }

    @Test func inputTooSmallOrWrongActivationIsRejected() {
        var options = ArchitectureOptions()
        options.design = .paper
        #expect { try options.architecture(rows: 3, frames: 129, classes: 2) } throws: { "\($0)".contains("too small") }
        options.activation = .relu
        #expect { try options.architecture(rows: 13, frames: 129, classes: 2) } throws: {
            "\($0)".contains("does not suit")
        }
    }
}

@Suite struct DesignOptionTests {
    /// A width of one design given with the other is an error naming the option, never ignored.
    @Test func optionsOfTheOtherDesignAreRefused() throws {
        var paperWidths = TrainingOverrides.unset
        paperWidths.conv1 = 8
        #expect(throws: ConfigurationError.self) { try paperWidths.configuration() }
        paperWidths.architecture = .paper
        #expect(try paperWidths.configuration().architecture.firstChannels == 8)
        var pooledWidths = TrainingOverrides.unset
        (pooledWidths.architecture, pooledWidths.channels) = (.paper, [4, 8])
        #expect { try pooledWidths.configuration() } throws: { ($0 as? ConfigurationError)?.key == "channels" }
    }
}
