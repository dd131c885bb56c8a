import ComplexNN

extension Augmentation {
    /// The rows of a standardised feature that hold levels in dB, and 1/σ of each (σ from the
    /// feature's training standardisation), which ``filter(real:frames:levels:using:)`` needs.
    public struct LevelRows: Sendable {
        public let range: Range<Int>
        public let scale: [Float]

        /// The level rows `range` of a feature standardised by `normalization`.
        public init(_ range: Range<Int>, normalization: FeatureNormalization) {
            self.range = range
            scale = normalization.standardDeviation[range].map { 1 / $0 }
        }
    }

    /// Knots of the equaliser curve: the first and last level row and this many between.
    static let interiorFilterKnots = 3

    /// The random equaliser curve in dB over `count` level rows: piecewise linear through knots at
    /// rows 0, three distinct random rows between (fewer when there is no room) and `count − 1`,
    /// each at a level uniform in −`filterDB`…`filterDB`. Empty when the filter is off.
    func filterCurve(rows count: Int, using random: inout SeededGenerator) -> [Float] {
        guard let limit = filterDB, limit > 0, count > 0 else { return [] }
        var positions = Set([0, count - 1])
        let room = max(count - 2, 0), wanted = min(count, 2 + min(Self.interiorFilterKnots, room))
        while positions.count < wanted {
            positions.insert(1 + Int(random.next() % UInt64(room)))
        }
        let knots = positions.sorted().map { (row: $0, level: (2 * random.nextUniform() - 1) * limit) }
        var curve = [Float](repeating: knots[0].level, count: count)
        for (left, right) in zip(knots, knots.dropFirst()) {
            for row in left.row...right.row {
                let t = Float(row - left.row) / Float(right.row - left.row)
                curve[row] = left.level + t * (right.level - left.level)
            }
        }
        return curve
    }

    /// Adds a random equaliser curve (``filterCurve(rows:using:)``) to the level rows of one
    /// standardised real `[rows, frames]` segment: level row k gets `curve[k] / σ_k` on every frame.
    func filter(real: inout ArraySlice<Float>, frames: Int, levels: LevelRows, using random: inout SeededGenerator) {
        let curve = filterCurve(rows: levels.range.count, using: &random)
        for (k, level) in curve.enumerated() {
            let offset = level * levels.scale[k], first = real.startIndex + (levels.range.lowerBound + k) * frames
            for i in first..<first + frames { real[i] += offset }
        }
    }
}
