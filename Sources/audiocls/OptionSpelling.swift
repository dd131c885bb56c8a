import ArgumentParser
import ClassifierSupport
import Foundation
import Logging

/// The one place that knows how a library setting key (`n_fft`, snake case, as in a `--config`
/// YAML file) is spelt on the command line (`--n-fft`): library errors name settings by key, and
/// the commands turn them into messages naming what the user typed, with exit status 64.
enum OptionSpelling {
    /// Keys whose flag is not the key in kebab case (none today; add a line here when one differs).
    static let exceptions: [String: String] = [:]

    /// The flag of `key`: `n_fft` → `--n-fft`.
    static func flag(forKey key: String) -> String {
        exceptions[key] ?? "--" + key.replacingOccurrences(of: "_", with: "-")
    }

    /// `error` as the user wrote the setting: `--hop 0: must be positive` when it came from the
    /// command line (or there is no configuration file), `hop: 0 in FILE: …` when it came from the
    /// `--config` file.
    static func message(_ error: ConfigurationError, config: String?, commandLineKeys: Set<String>) -> String {
        let value = error.value.isEmpty ? "" : " \(error.value)"
        if let config, !commandLineKeys.contains(error.key) {
            return "\(error.key):\(value) in \(config): \(error.reason)"
        }
        return "\(flag(forKey: error.key))\(value): \(error.reason(naming: flag(forKey:)))"
    }

    /// Runs `body`; a ``ConfigurationError`` becomes a usage failure (exit status 64) naming the
    /// setting as the user wrote it.
    static func naming<T>(config: String?, commandLineKeys: Set<String>, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ConfigurationError {
            throw usageFailure(message(error, config: config, commandLineKeys: commandLineKeys))
        } catch ConfigurationFileError.invalidValue(_, let error) {
            throw usageFailure(message(error, config: config, commandLineKeys: []))
        } catch let error as any SettingNamingError {
            throw usageFailure(error.message(naming: flag(forKey:)))
        }
    }

    /// `error` as the user sees it when a command fails: library errors that name settings by key
    /// name them by flag (`--classes x: …`); any other error unchanged.
    static func spelt(_ error: any Error) -> any Error {
        switch error {
        case let error as ConfigurationError: SpeltError(message(error, config: nil, commandLineKeys: []))
        case let error as any SettingNamingError: SpeltError(error.message(naming: flag(forKey:)))
        default: error
        }
    }

    /// Logs `Error: message` (on stderr at every level) and returns exit status 64 (EX_USAGE) to throw: a bad
    /// option found while running, reported like argument-parser reports one while parsing.
    static func usageFailure(_ message: String) -> ExitCode {
        Logger.cli.error("Error: \(message)")
        return ExitCode.validationFailure
    }
}

/// A library error's message with its settings spelt as flags.
struct SpeltError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
