import ComplexNN
import Foundation
import Testing

@testable import Synthesis

/// Mean power per DFT bin of `samples` between `low` and `high` Hz: Hann-windowed 2048-point
/// frames, hop 2048, DFT in plain Double math.
private func bandPower(_ samples: [Float], sampleRate: Double, from low: Double, to high: Double) -> Double {
    let size = 2048
    let bins = Int(low / sampleRate * Double(size))..<Int(min(high, sampleRate / 2) / sampleRate * Double(size))
    let window = (0..<size).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size)) }
    var total = 0.0, frames = 0
    for start in stride(from: 0, through: samples.count - size, by: size) {
        for k in bins {
            var re = 0.0, im = 0.0
            let omega = 2 * Double.pi * Double(k) / Double(size)
            for n in 0..<size {
                let x = window[n] * Double(samples[start + n])
                re += x * cos(omega * Double(n))
                im -= x * sin(omega * Double(n))
            }
            total += re * re + im * im
        }
        frames += 1
    }
    return total / Double(frames * bins.count)
}

/// Uniform white noise in −1…1 from `seed`.
private func whiteNoise(count: Int, seed: UInt64) -> [Float] {
    var random = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Float.random(in: -1...1, using: &random) }
}

/// A chain that does nothing but what a test switches on.
private let neutral = RecordingChain(
    drive: 0, compressionThreshold: 0, compressionRatio: 1, highPass: 20, tilt: 0, reverbTime: 1, reverbMix: 0,
    snr: 20, noiseCutoff: 5000, hum: 0, bandLimit: nil, peak: 0.5)

@Suite struct RecordingChainTests {
    let sampleRate = 22050.0

    @Test(arguments: [2500.0, 5000])
    func bandLimitingRemovesEnergyAboveTheCutOff(cutoff: Double) {
        let input = whiteNoise(count: 16384, seed: 3)
        var output = input
        RecordingChain.bandLimit(&output, cutoff: cutoff, sampleRate: sampleRate)
        // Fourth-order Butterworth: −24 dB an octave above the cut-off, 0 dB well below it.
        let above =
            bandPower(output, sampleRate: sampleRate, from: 2 * cutoff, to: sampleRate / 2)
            / bandPower(input, sampleRate: sampleRate, from: 2 * cutoff, to: sampleRate / 2)
        let below =
            bandPower(output, sampleRate: sampleRate, from: 100, to: cutoff / 2)
            / bandPower(input, sampleRate: sampleRate, from: 100, to: cutoff / 2)
        #expect(above < pow(10, -24.0 / 10), "power kept above 2 × \(cutoff) Hz: \(above)")
        #expect(abs(10 * log10(below)) < 0.5, "power kept below \(cutoff / 2) Hz: \(below)")
    }

    @Test(arguments: [(0.0, 0.0), (6, 50), (24, 60)])
    func backgroundNoiseIsAddedAtTheRequestedSNR(snr: Double, hum: Double) {
        var random = SeededGenerator(seed: 5)
        let clean = (0..<22050).map { Float(0.3 * sin(2 * Double.pi * 440 * Double($0) / sampleRate)) }
        var noisy = clean
        var chain = neutral
        (chain.snr, chain.hum) = (snr, hum)
        chain.addBackground(to: &noisy, sampleRate: sampleRate, using: &random)
        let noise = zip(noisy, clean).map { $0 - $1 }
        let measured = 10 * log10(SampleLevel.power(clean) / SampleLevel.power(noise))
        #expect(abs(measured - snr) < 0.01, "measured SNR \(measured) dB, requested \(snr) dB")
    }

    @Test func tiltRaisesOrLowersTheHighBand() {
        let input = whiteNoise(count: 16384, seed: 4)
        for gain in [-9.0, 6] {
            var output = input
            Biquad.highShelf(frequency: 1500, gain: gain, sampleRate: sampleRate).apply(to: &output)
            let high =
                bandPower(output, sampleRate: sampleRate, from: 6000, to: 10000)
                / bandPower(input, sampleRate: sampleRate, from: 6000, to: 10000)
            let low =
                bandPower(output, sampleRate: sampleRate, from: 50, to: 300)
                / bandPower(input, sampleRate: sampleRate, from: 50, to: 300)
            #expect(abs(10 * log10(high) - gain) < 0.5, "gain above the shelf \(10 * log10(high)) dB, set \(gain)")
            #expect(abs(10 * log10(low)) < 0.5, "gain below the shelf \(10 * log10(low)) dB")
        }
    }

    @Test func compressionNarrowsTheDynamicsAndSaturationTheCrestFactor() {
        // A quiet tone, then one 20 dB louder: the compressor (threshold 20 dB below the peak,
        // ratio 4) pulls the loud half down and leaves the quiet half, below the threshold, alone.
        let input = (0..<22050).map { n in
            Float((n < 11025 ? 0.1 : 1) * sin(2 * Double.pi * 220 * Double(n) / sampleRate))
        }
        func loudOverQuiet(_ x: [Float]) -> Double {
            (SampleLevel.power(Array(x[13230...])) / SampleLevel.power(Array(x[2205..<11025]))).squareRoot()
        }
        func crest(_ x: [Float]) -> Double { Double(SampleLevel.peak(x)) / SampleLevel.power(x).squareRoot() }
        var compressed = input, saturated = input
        var chain = neutral
        (chain.compressionThreshold, chain.compressionRatio, chain.drive) = (20, 4, 3)
        chain.compress(&compressed, sampleRate: sampleRate)
        chain.saturate(&saturated)
        #expect(abs(loudOverQuiet(input) - 10) < 0.01)
        #expect(loudOverQuiet(compressed) < 4, "loud/quiet RMS after compression: \(loudOverQuiet(compressed))")
        #expect(crest(saturated) < 0.9 * crest(input))
        #expect(abs(SampleLevel.peak(saturated) - 1) < 1e-3, "tanh(d·x)/tanh(d) keeps the unit peak")
    }

    @Test func reverbAddsADecayingTailAtItsShare() {
        var click = [Float](repeating: 0, count: 22050)
        click[0] = 1
        let tail = Reverb(time: 1, sampleRate: sampleRate).wet(click)
        // RT60 1 s: the tail's power falls by 60 dB per second, so about 30 dB from 0.1–0.2 s to 0.6–0.7 s.
        let early = SampleLevel.power(Array(tail[2205..<4410])), late = SampleLevel.power(Array(tail[13230..<15435]))
        #expect(abs(10 * log10(early / late) - 30) < 6)
        var mixed = whiteNoise(count: 22050, seed: 6)
        let dry = mixed
        Reverb(time: 1, sampleRate: sampleRate).mix(into: &mixed, share: 0.4)
        let correlation = zip(mixed, dry).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / Double(dry.count)
        #expect(abs(correlation / SampleLevel.power(dry) - 0.6) < 0.05, "the dry part is 1 − share")
    }

    @Test func theWholeChainIsDeterministicAndEndsAtItsPeak() {
        var draw = SeededGenerator(seed: 7)
        let chain = RecordingChain.random(sampleRate: sampleRate, using: &draw)
        let input = whiteNoise(count: 11025, seed: 8)
        var a = input, b = input
        var first = SeededGenerator(seed: 1), second = SeededGenerator(seed: 1)
        chain.apply(to: &a, sampleRate: sampleRate, using: &first)
        chain.apply(to: &b, sampleRate: sampleRate, using: &second)
        #expect(a == b && a != input)
        #expect(abs(Double(SampleLevel.peak(a)) - chain.peak) < 1e-6)
    }
}
