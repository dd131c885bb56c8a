/// Where a run's network starts instead of a random initialisation (`train genre --init-from`):
/// the weights of an earlier bundle, e.g. one pretrained on other recordings, fine-tuned here.
public struct InitialWeights: Codable, Sendable, Equatable {
    /// The bundle's folder, as the user gave it.
    public var bundle: String
    /// SHA-256 of the bundle's `model.safetensors`, filled in when a run reads it (so the bundle
    /// records which weights it started from, and a resumed run refuses a bundle changed since).
    public var weightsSHA256: String?

    public init(bundle: String, weightsSHA256: String? = nil) {
        (self.bundle, self.weightsSHA256) = (bundle, weightsSHA256)
    }
}
