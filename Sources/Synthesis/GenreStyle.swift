import Foundation

/// The five "genres" of `audiocls data synth --kind genres`: styles that differ the way genres
/// do — tempo and rhythm, transients against sustained tones, timbre, harmony, noise — each with
/// random tempo, key, timbre and level inside the class so that the task is not trivial.
public enum GenreStyle: String, CaseIterable, Sendable {
    /// Four-on-the-floor kick, off-beat hi-hats and a sawtooth bass line, 118–135 BPM.
    case techno
    /// Slow-attack sustained chords over a drone with tremolo, no drums.
    case ambient
    /// Plucked (fast-decay, bright) arpeggios of a chord progression, 70–110 BPM.
    case folk
    /// Filtered noise textures (wind, rain) with slow swells and sparse clicks.
    case noise
    /// Fast square-wave melodies in a major scale with a pulsing bass, 140–170 BPM.
    case chiptune

    /// Renders `seconds` of this style at `sampleRate`, peak-normalised to a random level in
    /// 0.3…0.9.
    public func render(seconds: Double, sampleRate: Int, using random: inout some RandomNumberGenerator) -> [Float] {
        var signal = SignalBuilder(seconds: seconds, sampleRate: sampleRate)
        let root = 110 * pow(2, Double(Int.random(in: 0..<12, using: &random)) / 12)
        switch self {
        case .techno: Self.techno(&signal, seconds: seconds, root: root, random: &random)
        case .ambient: Self.ambient(&signal, seconds: seconds, root: root, random: &random)
        case .folk: Self.folk(&signal, seconds: seconds, root: root, random: &random)
        case .noise: Self.noise(&signal, seconds: seconds, random: &random)
        case .chiptune: Self.chiptune(&signal, seconds: seconds, root: root, random: &random)
        }
        signal.normalize(peak: Double.random(in: 0.3...0.9, using: &random))
        return signal.samples
    }

    // MARK: - Styles

    /// Partial amplitudes `1/h^slope` for `count` partials: slope 1 is sawtooth-bright, 2 is mellow.
    private static func partials(_ count: Int, slope: Double) -> [Double] {
        (1...count).map { 1 / pow(Double($0), slope) }
    }

    /// Odd partials only (a square wave's), amplitudes `1/h`.
    private static func squarePartials(_ count: Int) -> [Double] {
        (1...count).map { $0 % 2 == 1 ? 1 / Double($0) : 0 }
    }

    private static func semitones(_ root: Double, _ steps: Int) -> Double { root * pow(2, Double(steps) / 12) }

    private static func techno(
        _ s: inout SignalBuilder, seconds: Double, root: Double, random: inout some RandomNumberGenerator
    ) {
        let beat = 60 / Double.random(in: 118...135, using: &random)
        let bassLine = (0..<4).map { _ in [0, 0, 7, 10, 12].randomElement(using: &random)! }
        let slope = Double.random(in: 0.8...1.3, using: &random)
        for (i, t) in stride(from: 0.0, to: seconds, by: beat).enumerated() {
            s.addKick(at: t, gain: 1)
            s.addNoise(at: t + beat / 2, duration: 0.05, cutoff: 9000, decay: 0.015, gain: 0.3, using: &random)
            s.addTone(
                at: t + beat / 2, duration: beat / 2, frequency: semitones(root / 2, bassLine[i % 4]),
                partials: partials(12, slope: slope), decay: beat / 3, gain: 0.35)
        }
    }

    private static func ambient(
        _ s: inout SignalBuilder, seconds: Double, root: Double, random: inout some RandomNumberGenerator
    ) {
        let chordLength = Double.random(in: 2.0...4.0, using: &random)
        let progression = [[0, 4, 7], [5, 9, 12], [7, 11, 14], [-3, 0, 4]].shuffled(using: &random)
        let slope = Double.random(in: 1.8...2.6, using: &random)
        s.addTone(at: 0, duration: seconds, frequency: root / 2, partials: partials(4, slope: 2), attack: 1, gain: 0.3)
        for (i, t) in stride(from: 0.0, to: seconds, by: chordLength).enumerated() {
            for step in progression[i % progression.count] {
                s.addTone(
                    at: t, duration: chordLength * 1.2, frequency: semitones(root * 2, step),
                    partials: partials(6, slope: slope), attack: chordLength / 2, gain: 0.25)
            }
        }
        s.modulate(rate: Double.random(in: 0.2...0.6, using: &random), depth: 0.4)
    }

    private static func folk(
        _ s: inout SignalBuilder, seconds: Double, root: Double, random: inout some RandomNumberGenerator
    ) {
        let note = 60 / Double.random(in: 70...110, using: &random) / 2
        let chords = [[0, 4, 7, 12], [5, 9, 12, 17], [7, 11, 14, 19], [0, 4, 7, 12]]
        let pattern = [[0, 1, 2, 3, 2, 1], [0, 2, 1, 3, 1, 2], [0, 3, 2, 1, 2, 3]].randomElement(using: &random)!
        let slope = Double.random(in: 0.9...1.4, using: &random)
        for (i, t) in stride(from: 0.0, to: seconds, by: note).enumerated() {
            let chord = chords[(i / pattern.count) % chords.count]
            s.addTone(
                at: t, duration: note * 3, frequency: semitones(root * 2, chord[pattern[i % pattern.count]]),
                partials: partials(10, slope: slope), attack: 0.002,
                decay: Double.random(in: 0.15...0.3, using: &random))
        }
    }

    private static func noise(_ s: inout SignalBuilder, seconds: Double, random: inout some RandomNumberGenerator) {
        s.addNoise(
            at: 0, duration: seconds, cutoff: Double.random(in: 300...2500, using: &random), decay: nil, gain: 1,
            using: &random)
        s.modulate(
            rate: Double.random(in: 0.1...0.8, using: &random), depth: Double.random(in: 0.3...0.8, using: &random))
        for _ in 0..<Int(seconds * Double.random(in: 1...6, using: &random)) {
            s.addNoise(
                at: Double.random(in: 0..<seconds, using: &random), duration: 0.01, cutoff: 12000, decay: 0.002,
                gain: 0.5, using: &random)
        }
    }

    private static func chiptune(
        _ s: inout SignalBuilder, seconds: Double, root: Double, random: inout some RandomNumberGenerator
    ) {
        let note = 60 / Double.random(in: 140...170, using: &random) / 2
        let scale = [0, 2, 4, 5, 7, 9, 11, 12, 14, 16]
        var degree = 4
        for (i, t) in stride(from: 0.0, to: seconds, by: note).enumerated() {
            degree = min(scale.count - 1, max(0, degree + Int.random(in: -2...2, using: &random)))
            s.addTone(
                at: t, duration: note * 0.9, frequency: semitones(root * 2, scale[degree]),
                partials: squarePartials(15), attack: 0.001, gain: 0.4)
            if i % 2 == 0 {
                s.addTone(
                    at: t, duration: note * 0.5, frequency: root / 2, partials: squarePartials(9), attack: 0.001,
                    gain: 0.3)
            }
        }
    }
}
