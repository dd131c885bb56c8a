import ComplexNN
import Foundation
import Testing

@testable import Synthesis

@Suite struct MusicStyleTests {
    @Test(arguments: MusicStyle.allCases)
    func renderIsDeterministicFromTheSeedAndEndsAtTheChainsPeak(style: MusicStyle) {
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3), c = SeededGenerator(seed: 4)
        let first = style.render(seconds: 0.5, sampleRate: 22050, using: &a)
        let again = style.render(seconds: 0.5, sampleRate: 22050, using: &b)
        let other = style.render(seconds: 0.5, sampleRate: 22050, using: &c)
        #expect(first == again && first != other && first.count == 11025)
        let peak = SampleLevel.peak(first)
        #expect(peak >= 0.1 - 1e-5 && peak <= 0.9 + 1e-5)
    }

    @Test func withoutBlendingAPerformanceStaysInsideItsClass() {
        for style in MusicStyle.allCases {
            let arrangement = style.arrangement
            for seed in UInt64(0)..<30 {
                var random = SeededGenerator(seed: seed)
                let p = arrangement.performance(blend: 0, others: [], using: &random)
                #expect(arrangement.tempo.contains(60 / p.beat), "\(style) tempo \(60 / p.beat)")
                #expect(arrangement.swing.contains(p.swing))
                #expect(
                    arrangement.bass.contains { $0.0 == p.bass } && arrangement.harmony.contains { $0.0 == p.harmony })
                if let drums = p.drums { #expect(arrangement.kicks.contains(drums.kick)) }
            }
        }
    }

    /// The classes share their instruments and overlap: two classes with the same tempo range, two
    /// with the same kick pattern, and blending takes aspects from the other classes.
    @Test func classesOverlap() {
        let house = MusicStyle.house.arrangement, techno = MusicStyle.techno.arrangement
        #expect(house.tempo.overlaps(techno.tempo) && house.kicks.contains { techno.kicks.contains($0) })
        var borrowed = 0
        for seed in UInt64(0)..<200 {
            var random = SeededGenerator(seed: seed)
            let p = MusicStyle.ambient.arrangement.performance(blend: 1, others: [house], using: &random)
            if house.tempo.contains(60 / p.beat) { borrowed += 1 }
        }
        #expect(borrowed == 200, "blend 1 draws every aspect from the other class")
    }

    @Test func chordsFollowTheKeyAndShape() {
        var random = SeededGenerator(seed: 1)
        var p = MusicStyle.folk.arrangement.performance(blend: 0, others: [], using: &random)
        (p.progression, p.barsPerChord, p.minor) = ([0, 3], 1, false)
        p.shape = .triad
        #expect(p.chordSteps(bar: 0) == [0, 4, 7] && p.chordSteps(bar: 1) == [5, 9, 12])
        p.minor = true
        p.shape = .seventh
        #expect(p.chordSteps(bar: 0) == [0, 3, 7, 10])
        p.shape = .power
        #expect(p.chordSteps(bar: 3) == [5, 12, 17])
        #expect(p.semitones(degree: -1) == -2 && p.semitones(degree: 7) == 12)
    }
}
