import ArgumentParser
import Bundles
import ClassifierSupport
import Foundation

/// `--model models/NAME`, shared by the commands that use a trained bundle.
struct ModelOption: ParsableArguments {
    @Option(
        help:
            "Model bundle folder (from `audiocls train genre … --out`). (default: MODELS/default; MODELS is ./models if it exists, else $AUDIOCLS_HOME/models, else $XDG_DATA_HOME/audiocls/models)"
    )
    var model: String?

    /// The folder given, or the default model.
    var path: String { model ?? DefaultLocations().defaultModel }

    /// The loaded, checked bundle.
    func load() throws -> ModelBundle { try ModelBundle(directory: URL(fileURLWithPath: path)) }
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
