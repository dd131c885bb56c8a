import ArgumentParser

/// The `audiocls` command: parses arguments and calls the library; no logic of its own.
@main
struct AudioCLS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audiocls",
        abstract: "Classify audio with phase-aware features and complex-valued networks.",
        version: "0.1.0",
        subcommands: [
            Info.self, DataCommand.self, Extract.self, Run.self, Train.self, Evaluate.self, Predict.self,
            CompareBundles.self,
        ])

    /// Parses and runs the command; a failure's message names settings as flags (see
    /// ``OptionSpelling/spelt(_:)``).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: OptionSpelling.spelt(error))
        }
    }
}
