import ComplexNN

extension TrainingConfiguration {
    /// Networks the run trains: ``ensemble``, or 1.
    public var memberCount: Int { ensemble ?? 1 }

    /// What member `index` (0-based) of the ensemble trains with: this configuration with the
    /// member's seed (``memberSeed(_:of:)``) and no ensemble. The seed draws the member's initial
    /// weights, batch order, dropout masks and augmentation; the split is not drawn from it (every
    /// member trains on the split of ``seed``). Member 0 is the single model of ``seed``, with the
    /// same settings hash, so it trains bit for bit what a run without an ensemble trains.
    public func member(_ index: Int) -> TrainingConfiguration {
        var copy = self
        copy.ensemble = nil
        copy.seed = Self.memberSeed(index, of: seed)
        return copy
    }

    /// `seed` for member 0; for member k ≥ 1 the first number of a ``SeededGenerator`` seeded with
    /// `seed` XOR k·0xD6E8FEB86659FD93 — not `seed + k`, so the members of `--seeds 1,2` runs are
    /// not each other's.
    public static func memberSeed(_ index: Int, of seed: UInt64) -> UInt64 {
        guard index > 0 else { return seed }
        var generator = SeededGenerator(seed: seed ^ (0xD6E8_FEB8_6659_FD93 &* UInt64(index)))
        return generator.next()
    }
}
