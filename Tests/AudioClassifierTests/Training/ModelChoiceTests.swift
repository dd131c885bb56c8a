import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Models
@testable import Training

/// `--model cvcnn+gnn`: several families, each with its own defaults and the options given.
@Suite struct ModelChoiceTests {
    @Test func severalFamiliesGiveOneConfigurationEachWithItsOwnDefaults() throws {
        let overrides = try TrainingOverrides.parse(["--model", "cvcnn+gnn", "--epochs", "3", "--seed", "7"])
        let configurations = try overrides.configurations()
        #expect(configurations.map(\.architecture.model) == [.cvcnn, .gnn])
        #expect(configurations.allSatisfy { $0.epochs == 3 && $0.seed == 7 }, "the options given go to each")
        let alone = try TrainingOverrides.parse(["--model", "gnn", "--epochs", "3", "--seed", "7"]).configuration()
        #expect(configurations[1] == alone, "the second is what --model gnn alone gives")
        #expect(configurations[0].feature != configurations[1].feature, "each family keeps its default feature")
        #expect { try overrides.configuration() } throws: { "\($0)".contains("model=cvcnn+gnn: names several models") }
    }

    @Test func aConfigurationFileListsTheFamiliesEitherWay() throws {
        let directory = TemporaryDirectory()
        for text in ["model: cnn+linear\n", "model: [cnn, linear]\n"] {
            let yaml = directory.file("train.yaml")
            try text.write(to: yaml, atomically: true, encoding: .utf8)
            let choice = try TrainingOverrides(yamlFile: yaml).model
            #expect(choice?.kinds == [.cnn, .linear], "\(text)")
        }
        let yaml = directory.file("bad.yaml")
        try "model: cnn+cnn\n".write(to: yaml, atomically: true, encoding: .utf8)
        #expect { try TrainingOverrides(yamlFile: yaml) } throws: {
            "\($0)".contains("bad.yaml") && "\($0)".contains("names cnn twice")
        }
    }

    @Test func badListsAreRefusedWithTheReason() throws {
        #expect { try ModelChoice(parsing: "cvcnn+") } throws: {
            "\($0)".contains("'' is not one of cvcnn, cnn, gnn, linear")
        }
        #expect { try ModelChoice(parsing: "gnn+gnn") } throws: { "\($0)".contains("names gnn twice") }
        let one = try ModelChoice(parsing: "linear")
        #expect(one.kinds == [.linear] && one.description == "linear")
    }
}
