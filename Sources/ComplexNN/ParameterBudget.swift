/// Sizing a model by its number of trainable real parameters, for comparisons at an equal budget
/// (a complex network against its real twin: a complex weight counts as two real numbers).
public enum ParameterBudget {
    /// `scaled(f)` for the factor f > 0 whose `parameterCount` is closest to `target` (the
    /// smaller factor on a tie). The count must not decrease as f grows (e.g. widths scaled by f
    /// and rounded). f is bracketed by doubling or halving from 1, then bisected 24 times.
    public static func closest<Configuration>(
        to target: Int, scaled: (Double) -> Configuration, parameterCount: (Configuration) -> Int
    ) -> Configuration {
        func count(_ factor: Double) -> Int { parameterCount(scaled(factor)) }
        let limit = Double(1 << 20)
        var (low, high) = (1.0, 1.0)
        while count(high) < target && high < limit { high *= 2 }
        while count(low) > target && low > 1 / limit { low /= 2 }
        for _ in 0..<24 {
            let middle = (low + high) / 2
            if count(middle) < target { low = middle } else { high = middle }
        }
        return abs(count(low) - target) <= abs(count(high) - target) ? scaled(low) : scaled(high)
    }
}
