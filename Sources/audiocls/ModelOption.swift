import ArgumentParser
import Bundles
import ClassifierSupport
import Foundation

/// `--model models/NAME`, repeatable, shared by the commands that use trained bundles
/// (`evaluate`, `predict`): several are used together, their class probabilities averaged.
struct ModelOption: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help:
            "Model bundle folder (from `audiocls train genre … --out`); give it again to average several models' class probabilities (same classes; any features or models). (default: MODELS/default; MODELS is ./models if it exists, else $AUDIOCLS_HOME/models, else $XDG_DATA_HOME/audiocls/models)"
    )
    var models: [String] = []

    /// The folders given, or the default model.
    var paths: [String] { models.isEmpty ? [DefaultLocations().defaultModel] : models }

    /// The loaded, checked bundles in the order given, each with its name (its path as given; a
    /// combination's members as `PATH/member`, see ``ModelCombination``); several must share
    /// their classes.
    func load() throws -> (bundles: [ModelBundle], names: [String]) {
        let loaded = try paths.flatMap { try ModelCombination.bundles(at: $0) }
        let bundles = loaded.map(\.bundle)
        _ = try ModelBundle.commonLabels(bundles)
        return (bundles, loaded.map(\.name))
    }
}

/// `--cache DIR`, shared by the commands that read features through the shared cache.
struct CacheOption: ParsableArguments {
    @Option(
        help:
            "Feature cache root, shared between runs. (default: ./data/cache if it exists, else $AUDIOCLS_HOME/cache, else $XDG_CACHE_HOME/audiocls)"
    )
    var cache: String?

    /// The folder given, or the default cache.
    var path: String { cache ?? DefaultLocations().cache }
}
