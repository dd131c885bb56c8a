import Foundation

/// Where models and the feature cache go when no option says: usable from any folder.
///
/// - Models: `./models` when that folder exists in the current folder (a checkout of this
///   project, after `scripts/demo`), else `$AUDIOCLS_HOME/models`, else
///   `$XDG_DATA_HOME/audiocls/models` (`~/.local/share/audiocls/models`).
/// - Cache: `./data/cache` when it exists, else `$AUDIOCLS_HOME/cache`, else
///   `$XDG_CACHE_HOME/audiocls` (`~/.cache/audiocls`).
///
/// The default model is `default` in the models folder.
public struct DefaultLocations: Sendable, Equatable {
    /// The models folder (relative, `models`, when it is the current folder's).
    public let models: String
    /// The feature cache root (relative, `data/cache`, when it is the current folder's).
    public let cache: String

    /// The locations for `environment` seen from `currentDirectory`.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        func existingFolder(_ relative: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: currentDirectory + "/" + relative, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = variable("HOME") ?? NSHomeDirectory()
        let audioclsHome = variable("AUDIOCLS_HOME")
        models =
            existingFolder("models")
            ? "models"
            : audioclsHome.map { $0 + "/models" } ?? (variable("XDG_DATA_HOME") ?? home + "/.local/share")
                + "/audiocls/models"
        cache =
            existingFolder("data/cache")
            ? "data/cache"
            : audioclsHome.map { $0 + "/cache" } ?? (variable("XDG_CACHE_HOME") ?? home + "/.cache") + "/audiocls"
    }

    /// The bundle `predict` and `evaluate` use without `--model`.
    public var defaultModel: String { models + "/default" }
}
