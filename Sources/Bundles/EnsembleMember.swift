import Models

/// One network of an ensemble bundle, as `model.json` (format 4) lists it under `members`: its
/// seed, the epoch whose weights it keeps and the epochs it ran, and its own metrics on the
/// bundle's validation and test tracks — the bundle's top-level `validation` and `test` are the
/// ensemble's, so the two show what averaging added.
public struct EnsembleMember: Codable, Sendable {
    /// The member's seed (``TrainingConfiguration/memberSeed(_:of:)`` of `training.seed`; stored
    /// for readers).
    public var seed: UInt64
    public var keptEpoch: Int, epochs: Int
    /// The member alone on the validation and test tracks (absent without such tracks).
    public var validation: TrackEvaluation?
    public var test: TrackEvaluation?

    public init(seed: UInt64, keptEpoch: Int, epochs: Int, validation: TrackEvaluation?, test: TrackEvaluation?) {
        (self.seed, self.keptEpoch, self.epochs) = (seed, keptEpoch, epochs)
        (self.validation, self.test) = (validation, test)
    }
}
