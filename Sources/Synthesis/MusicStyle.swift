import Foundation

/// The six classes of `audiocls data synth --kind styles`: a harder, overlapping version of the
/// ``GenreStyle`` toy set, where no single cue gives the class away.
///
/// One track (all draws from the caller's generator): the instruments (``Ensemble``, one
/// distribution for every class: the same drum kit, bass, pads, keys, plucks, guitar and lead
/// everywhere), the performance (``Arrangement``: the class's distributions over tempo, groove, drum
/// pattern, bass line, harmony and lead, each aspect borrowed from another class with probability
/// ``blend``), played for `seconds`, then a random ``RecordingChain`` (saturation, compression,
/// EQ, reverb, background noise at 12–36 dB SNR, band-limiting, level) from one distribution for
/// every class. Tempo ranges overlap (house/techno/rock, hiphop/folk/ambient), and so do drum
/// patterns (four-on-the-floor in house and techno, backbeat in rock, hiphop and folk).
public enum MusicStyle: String, CaseIterable, Sendable {
    /// Four-on-the-floor, open off-beat hats, off-beat bass, seventh-chord pads, stabs or keys; 118–130 BPM.
    case house
    /// Four-on-the-floor, busy hats, pulsing or off-beat bass, mostly minor, few or no chords; 124–142 BPM.
    case techno
    /// Syncopated kick, backbeat snare, strong swing, bass with the kick, seventh-chord keys; 78–100 BPM.
    case hiphop
    /// Kick on 1 and 3, backbeat, eighth-note bass on the root, strummed power chords; 95–145 BPM.
    case rock
    /// Mostly no drums, plucked arpeggios or strums of triads, walking or long bass; 72–125 BPM.
    case folk
    /// Long pads of seventh and suspended chords, long bass, rare sparse drums; 60–100 BPM.
    case ambient

    /// Probability that an aspect of a track's performance comes from another class.
    public static let blend = 0.1

    /// Renders `seconds` of one track of this style at `sampleRate`: mono, peak in 0.1…0.9.
    public func render(seconds: Double, sampleRate: Int, using random: inout some RandomNumberGenerator) -> [Float] {
        let ensemble = Ensemble.random(using: &random)
        let others = Self.allCases.filter { $0 != self }.map(\.arrangement)
        let performance = arrangement.performance(blend: Self.blend, others: others, using: &random)
        var signal = SignalBuilder(seconds: seconds, sampleRate: sampleRate)
        performance.play(ensemble, into: &signal, seconds: seconds, using: &random)
        var samples = signal.samples
        RecordingChain.random(sampleRate: Double(sampleRate), using: &random)
            .apply(to: &samples, sampleRate: Double(sampleRate), using: &random)
        return samples
    }

    private static let eighths = Array(stride(from: 0, to: 16, by: 2)), offbeats = [2, 6, 10, 14]
    private static let quarters = [0, 4, 8, 12], sixteenths = Array(0..<16)

    /// This class's distributions.
    var arrangement: Arrangement {
        switch self {
        case .house:
            Arrangement(
                tempo: 118...130, swing: 0...0.15, drums: 0.95, kicks: [Self.quarters],
                snares: [[4, 12], [4, 12, 14]], hats: [Self.offbeats, Self.offbeats + [15], Self.eighths],
                openHats: 0.7, bass: [(.offbeat, 0.7), (.walking, 0.1), (.withKick, 0.1), (.roots, 0.1)],
                harmony: [(.pad, 0.35), (.stabs, 0.45), (.keys, 0.2)],
                shapes: [(.seventh, 0.7), (.triad, 0.2), (.sus, 0.1)], minor: 0.4, barsPerChord: [1, 2],
                lead: 0.3, leadSteps: [2])
        case .techno:
            Arrangement(
                tempo: 124...142, swing: 0...0.05, drums: 1, kicks: [Self.quarters, Self.quarters + [14]],
                snares: [[], [4, 12], [12]], hats: [Self.offbeats, Self.sixteenths, [0, 2, 3, 6, 8, 10, 11, 14]],
                openHats: 0.4, bass: [(.pulse, 0.6), (.offbeat, 0.25), (.long, 0.15)],
                harmony: [(.none, 0.5), (.stabs, 0.3), (.pad, 0.2)],
                shapes: [(.triad, 0.3), (.power, 0.3), (.sus, 0.4)], minor: 0.9, barsPerChord: [2, 4],
                lead: 0.25, leadSteps: [1, 2])
        case .hiphop:
            Arrangement(
                tempo: 78...100, swing: 0.1...0.35, drums: 1,
                kicks: [[0, 7, 10], [0, 3, 8, 10], [0, 6, 9], [0, 10, 11]],
                snares: [[4, 12], [4, 12, 15]], hats: [Self.eighths, Self.sixteenths, Self.eighths + [15]],
                openHats: 0.15, bass: [(.withKick, 0.7), (.long, 0.15), (.walking, 0.15)],
                harmony: [(.keys, 0.6), (.pad, 0.25), (.arpeggio, 0.15)],
                shapes: [(.seventh, 0.7), (.triad, 0.3)], minor: 0.7, barsPerChord: [1, 2],
                lead: 0.3, leadSteps: [2, 4])
        case .rock:
            Arrangement(
                tempo: 95...145, swing: 0...0.08, drums: 0.95,
                kicks: [[0, 8], [0, 8, 10], [0, 6, 8], [0, 2, 8, 10]],
                snares: [[4, 12], [4, 12, 14, 15]], hats: [Self.eighths, Self.quarters],
                openHats: 0.2, bass: [(.roots, 0.7), (.withKick, 0.2), (.walking, 0.1)],
                harmony: [(.strum, 0.8), (.keys, 0.1), (.arpeggio, 0.1)],
                shapes: [(.power, 0.6), (.triad, 0.3), (.sus, 0.1)], minor: 0.45, barsPerChord: [1],
                lead: 0.35, leadSteps: [2])
        case .folk:
            Arrangement(
                tempo: 72...125, swing: 0...0.2, drums: 0.25, kicks: [[0, 8], [0]],
                snares: [[4, 12], []], hats: [Self.quarters, []],
                openHats: 0, bass: [(.walking, 0.4), (.long, 0.3), (.none, 0.3)],
                harmony: [(.arpeggio, 0.7), (.strum, 0.2), (.keys, 0.1)],
                shapes: [(.triad, 0.7), (.sus, 0.2), (.seventh, 0.1)], minor: 0.35, barsPerChord: [1],
                lead: 0.3, leadSteps: [2, 4])
        case .ambient:
            Arrangement(
                tempo: 60...100, swing: 0...0.1, drums: 0.15, kicks: [[0], [0, 10]],
                snares: [[], [12]], hats: [Self.offbeats, Self.quarters],
                openHats: 0.3, bass: [(.long, 0.6), (.none, 0.4)],
                harmony: [(.pad, 0.85), (.arpeggio, 0.15)],
                shapes: [(.seventh, 0.4), (.sus, 0.4), (.triad, 0.2)], minor: 0.5, barsPerChord: [2, 4],
                lead: 0.25, leadSteps: [4, 8])
        }
    }
}
