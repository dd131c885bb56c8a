/// Why features could not be computed, stored or loaded; each case names the file (or the
/// feature) and what is wrong.
public enum FeatureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A computed feature holds NaN or ±Inf (never written silently).
    case nonFinite(feature: String)
    /// A feature with a value a half cannot hold, under `--dtype float16`.
    case beyondHalfRange(feature: String, reason: String)
    /// The features of the audio at `path` could not be computed.
    case extraction(path: String, reason: String)
    /// Inputs whose extraction failed, one `path: reason` each.
    case extractionFailed([String])
    /// An input that cannot be read to hash it.
    case unreadableInput(path: String, reason: String)
    /// A feature store folder that cannot be created.
    case unwritableStore(path: String, reason: String)
    /// An input whose features are not in the cache after extraction.
    case notCached(path: String, cache: String)
    /// A feature file without the array a model reads.
    case missingArray(path: String, name: String)
    /// An array that is not `[rows, frames]` of real or `complex64` values (or `[rows, frames, 2]`
    /// of `float16`).
    case notAMatrix(path: String, reason: String)
    /// Features whose rows do not match the standardisation's.
    case rowMismatch(rows: Int, complex: Bool, expectedRows: Int, expectedComplex: Bool)

    public var description: String {
        switch self {
        case .nonFinite(let feature): "feature '\(feature)' has non-finite values"
        case .beyondHalfRange(let feature, let reason):
            "feature '\(feature)' does not fit --dtype float16: \(reason); store it with --dtype float32"
        case .extraction(let path, let reason): "\(path): \(reason)"
        case .extractionFailed(let failures): failures.joined(separator: "\n")
        case .unreadableInput(let path, let reason): "\(path): cannot read: \(reason)"
        case .unwritableStore(let path, let reason): "\(path): cannot create the output folder: \(reason)"
        case .notCached(let path, let cache): "\(path): features missing from the cache \(cache)"
        case .missingArray(let path, let name): "\(path): no '\(name)' array"
        case .notAMatrix(let path, let reason): "\(path): \(reason)"
        case .rowMismatch(let rows, let complex, let expectedRows, let expectedComplex):
            "features have \(rows) \(Self.kind(complex)) rows, the model expects \(expectedRows) \(Self.kind(expectedComplex))"
        }
    }

    private static func kind(_ complex: Bool) -> String { complex ? "complex" : "real" }
}
