import ArgumentParser
import FeatureExtraction
import Foundation

/// The feature options of `extract features` (``ExtractionOverrides``) and the `--config` file
/// that can set them by key; options given on the command line win.
struct FeatureOptions: ParsableArguments {
    @OptionGroup var overrides: ExtractionOverrides

    @Option(
        help: ArgumentHelp(
            "YAML file with any of: \(ExtractionOverrides.fields.map(\.key).joined(separator: ", ")).")
    )
    var config: String?

    /// The defaults, then `--config`, then the options given; a bad value is a `ValidationError`
    /// (exit status 64) naming the option or the configuration key as written.
    func settings() throws -> ExtractionSettings {
        try OptionSpelling.naming(config: config, commandLineKeys: overrides.setKeys) {
            let file = try config.map { try ExtractionOverrides(yamlFile: URL(fileURLWithPath: $0)) } ?? .unset
            let result = try file.overridden(by: overrides).applied(to: ExtractionSettings())
            try result.validate()
            return result
        }
    }
}
