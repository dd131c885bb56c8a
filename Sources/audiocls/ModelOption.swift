import ArgumentParser
import AudioClassifier
import Foundation

/// `--model models/NAME`, shared by the commands that use a trained bundle.
struct ModelOption: ParsableArguments {
    @Option(help: "Model bundle folder (from `audiocls train genre … --out`).")
    var model = "models/default"

    /// The loaded, checked bundle.
    func load() throws -> ModelBundle { try ModelBundle(directory: URL(fileURLWithPath: model)) }
}
