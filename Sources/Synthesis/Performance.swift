import Foundation

/// One `styles` track's drawn choices (from an ``Arrangement``) and how they are played on an
/// ``Ensemble``: bar after bar of a 4/4 groove in sixteenth-note steps, with the chord
/// progression, swing, small timing and velocity deviations and occasional dropped or ghost notes.
struct Performance {
    /// The drum pattern: sixteenth-note steps of the kick, snare and hats; `open`: hats on the
    /// "and" of each beat ring open.
    struct Drums {
        var kick: [Int], snare: [Int], hat: [Int]
        var open: Bool
    }

    /// Seconds per beat (a quarter note).
    var beat: Double
    /// Delay of the odd sixteenths, as a fraction of a sixteenth.
    var swing: Double
    var drums: Drums?
    var bass: Arrangement.Bass
    var harmony: Arrangement.Harmony
    var shape: Arrangement.ChordShape
    var minor: Bool
    var barsPerChord: Int
    /// Scale degrees of the chords, cycled.
    var progression: [Int]
    /// Frequency of the key's tonic (Hz) in the bass octave.
    var root: Double
    /// Sixteenths per lead note, or nil for no lead.
    var lead: Int?

    /// Plays `seconds` of the track with `ensemble` into `signal`.
    func play(
        _ ensemble: Ensemble, into signal: inout SignalBuilder, seconds: Double,
        using random: inout some RandomNumberGenerator
    ) {
        let step = beat / 4
        let start = Double.random(in: 0..<(4 * beat), using: &random)  // the track starts mid-bar
        var degree = 2  // the lead's scale degree, a random walk
        for bar in 0..<Int(((seconds + start) / (4 * beat)).rounded(.up)) {
            let chord = chordSteps(bar: bar)
            let jitter = (0..<16).map { _ in Double.random(in: -0.004...0.004, using: &random) }
            func time(_ s: Int) -> Double {
                Double(bar) * 4 * beat + Double(s) * step + (s % 2 == 1 ? swing * step : 0) - start + jitter[s]
            }
            if let drums { playDrums(drums, ensemble, &signal, time: time, using: &random) }
            playBass(ensemble, &signal, chord: chord, time: time, step: step)
            playHarmony(ensemble, &signal, chord: chord, time: time, step: step, using: &random)
            if let lead {
                for s in stride(from: 0, to: 16, by: lead) where Double.random(in: 0..<1, using: &random) < 0.75 {
                    degree = min(9, max(0, degree + Int.random(in: -2...2, using: &random)))
                    ensemble.play(
                        ensemble.lead, &signal, at: time(s), duration: Double(lead) * step * 0.9,
                        frequency: frequency(degree: degree, octave: 2))
                }
            }
        }
    }

    // MARK: - Harmony

    /// Semitones from the tonic of scale degree `degree` (any integer; 7 is the next octave's tonic).
    func semitones(degree: Int) -> Int {
        let scale = minor ? [0, 2, 3, 5, 7, 8, 10] : [0, 2, 4, 5, 7, 9, 11]
        let octave = degree >= 0 ? degree / 7 : (degree - 6) / 7
        return 12 * octave + scale[degree - 7 * octave]
    }

    /// Frequency in Hz of scale degree `degree`, `octave` octaves above the bass octave.
    func frequency(degree: Int, octave: Int) -> Double {
        root * pow(2, Double(octave) + Double(semitones(degree: degree)) / 12)
    }

    /// The chord of bar `bar` as semitones from the tonic, root first.
    func chordSteps(bar: Int) -> [Int] {
        let d = progression[(bar / barsPerChord) % progression.count]
        switch shape {
        case .triad: return [d, d + 2, d + 4].map { semitones(degree: $0) }
        case .seventh: return [d, d + 2, d + 4, d + 6].map { semitones(degree: $0) }
        case .sus: return [d, d + 3, d + 4].map { semitones(degree: $0) }
        case .power:
            let r = semitones(degree: d)
            return [r, r + 7, r + 12]
        }
    }

    private func hertz(_ semitones: Int, octave: Int) -> Double {
        root * pow(2, Double(octave) + Double(semitones) / 12)
    }

    // MARK: - Parts

    private func playDrums(
        _ drums: Drums, _ e: Ensemble, _ s: inout SignalBuilder, time: (Int) -> Double,
        using random: inout some RandomNumberGenerator
    ) {
        func velocity() -> Double { Double.random(in: 0.75...1, using: &random) }
        func kept() -> Bool { Double.random(in: 0..<1, using: &random) >= 0.06 }
        for step in drums.kick where kept() { e.kick(&s, at: time(step), velocity: velocity()) }
        for step in drums.snare where kept() { e.snare(&s, at: time(step), velocity: velocity(), using: &random) }
        for step in 0..<16 where !drums.snare.contains(step) && Double.random(in: 0..<1, using: &random) < 0.03 {
            e.snare(&s, at: time(step), velocity: 0.3, using: &random)  // ghost note
        }
        for step in drums.hat where kept() {
            e.hat(&s, at: time(step), open: drums.open && step % 4 == 2, velocity: velocity(), using: &random)
        }
    }

    private func playBass(
        _ e: Ensemble, _ s: inout SignalBuilder, chord: [Int], time: (Int) -> Double,
        step: Double
    ) {
        func note(_ at: Int, length: Double, semitones: Int? = nil) {
            e.play(
                e.bass, &s, at: time(at), duration: length * step, frequency: hertz(semitones ?? chord[0], octave: 0))
        }
        switch bass {
        case .none: break
        case .offbeat: for at in [2, 6, 10, 14] { note(at, length: 1.5) }
        case .pulse: for at in 0..<16 { note(at, length: 0.8) }
        case .roots: for at in stride(from: 0, to: 16, by: 2) { note(at, length: 1.8) }
        case .long: note(0, length: 16)
        case .walking:
            for (i, at) in [0, 4, 8, 12].enumerated() { note(at, length: 3.6, semitones: chord[i % chord.count]) }
        case .withKick:
            let hits = drums?.kick ?? [0, 8]
            for (i, at) in hits.enumerated() { note(at, length: Double((i + 1 < hits.count ? hits[i + 1] : 16) - at)) }
        }
    }

    private func playHarmony(
        _ e: Ensemble, _ s: inout SignalBuilder, chord: [Int], time: (Int) -> Double,
        step: Double, using random: inout some RandomNumberGenerator
    ) {
        func strike(_ voice: Ensemble.Voice, at: Int, length: Double, notes: [Int] = chord, spread: Double = 0) {
            for (i, n) in notes.enumerated() {
                e.play(
                    voice, &s, at: time(at) + Double(i) * spread, duration: length * step,
                    frequency: hertz(n, octave: 1), velocity: 0.8)
            }
        }
        switch harmony {
        case .none: break
        case .pad: strike(e.pad, at: 0, length: 16)
        case .stabs:
            for at in [2, 6, 10, 14] where Bool.random(using: &random) || at == 2 {
                strike(e.pluck, at: at, length: 1.5)
            }
        case .keys: for at in [0, 6, 8, 12] { strike(e.keys, at: at, length: 4) }
        case .strum: for at in stride(from: 0, to: 16, by: 2) { strike(e.guitar, at: at, length: 2, spread: 0.008) }
        case .arpeggio:
            let tones = chord + [chord[0] + 12]
            for (i, at) in stride(from: 0, to: 16, by: 2).enumerated() {
                strike(e.pluck, at: at, length: 4, notes: [tones[i % tones.count]])
            }
        }
    }
}
