import Foundation

/// How a `styles` class plays the shared ``Ensemble``: distributions over tempo and groove, drum
/// patterns, the bass line's role, the harmony's instrument, rhythm and chord shapes, and the lead.
/// Classes overlap in each of these; they differ in how the choices go together.
///
/// Drum patterns are sets of sixteenth-note steps (0…15) of a 4/4 bar. A track draws one
/// ``Performance`` from its class's arrangement; with probability `blend` each of its five aspects
/// (groove, drums, bass, harmony, lead) is drawn from another class's arrangement instead, as
/// styles borrow from each other — so some tracks are genuinely ambiguous.
struct Arrangement {
    /// What the bass plays in each bar.
    enum Bass: CaseIterable { case none, offbeat, pulse, roots, withKick, long, walking }
    /// The instrument and rhythm of the chords.
    enum Harmony: CaseIterable { case none, pad, stabs, arpeggio, strum, keys }
    /// Chord voicing: stacked thirds, with the seventh, root–fifth–octave, or suspended fourth.
    enum ChordShape: CaseIterable { case triad, seventh, power, sus }

    /// Tempo range in BPM.
    var tempo: ClosedRange<Double>
    /// Delay of the off-beat sixteenths, as a fraction of a sixteenth.
    var swing: ClosedRange<Double>
    /// Probability that the track has drums at all.
    var drums: Double
    var kicks: [[Int]], snares: [[Int]], hats: [[Int]]
    /// Probability that the hats on the "and" of each beat ring open.
    var openHats: Double
    var bass: [(Bass, Double)]
    var harmony: [(Harmony, Double)]
    var shapes: [(ChordShape, Double)]
    /// Probability of a minor key.
    var minor: Double
    /// Bars per chord.
    var barsPerChord: [Int]
    /// Probability of a lead melody, and its note lengths in sixteenths.
    var lead: Double, leadSteps: [Int]

    /// One track's choices: `blend` is the probability that an aspect comes from one of `others`.
    func performance(blend: Double, others: [Arrangement], using random: inout some RandomNumberGenerator)
        -> Performance
    {
        func source() -> Arrangement {
            Double.random(in: 0..<1, using: &random) < blend ? others.randomElement(using: &random)! : self
        }
        let groove = source(), rhythm = source(), low = source(), chords = source(), top = source()
        let hasDrums = Double.random(in: 0..<1, using: &random) < rhythm.drums
        let drums = Performance.Drums(
            kick: rhythm.kicks.randomElement(using: &random)!, snare: rhythm.snares.randomElement(using: &random)!,
            hat: rhythm.hats.randomElement(using: &random)!,
            open: Double.random(in: 0..<1, using: &random) < rhythm.openHats)
        return Performance(
            beat: 60 / Double.random(in: groove.tempo, using: &random),
            swing: Double.random(in: groove.swing, using: &random),
            drums: hasDrums ? drums : nil,
            bass: Self.weighted(low.bass, using: &random),
            harmony: Self.weighted(chords.harmony, using: &random),
            shape: Self.weighted(chords.shapes, using: &random),
            minor: Double.random(in: 0..<1, using: &random) < chords.minor,
            barsPerChord: chords.barsPerChord.randomElement(using: &random)!,
            progression: Self.progressions.randomElement(using: &random)!,
            root: 110 * pow(2, Double(Int.random(in: 0..<12, using: &random)) / 12),
            lead: Double.random(in: 0..<1, using: &random) < top.lead
                ? top.leadSteps.randomElement(using: &random)! : nil)
    }

    /// Chord progressions as scale degrees (0 = tonic), shared by every class.
    static let progressions: [[Int]] = [
        [0, 5, 3, 4], [0, 3, 4, 3], [0, 4, 5, 3], [5, 3, 0, 4], [0, 6, 5, 6], [0, 0, 3, 4], [0, 3, 0, 4], [0, 2, 3, 4],
    ]

    /// One of `choices`, each with its weight.
    static func weighted<T>(_ choices: [(T, Double)], using random: inout some RandomNumberGenerator) -> T {
        var draw = Double.random(in: 0..<choices.reduce(0) { $0 + $1.1 }, using: &random)
        for (choice, weight) in choices {
            if draw < weight { return choice }
            draw -= weight
        }
        return choices[choices.count - 1].0
    }
}
