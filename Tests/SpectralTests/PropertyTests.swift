import Foundation
import Spectral
import Synchronization
import TestSupport
import Testing

/// Analytic properties that hold whatever the reference implementation says.
@Suite("spectral properties")
struct PropertyTests {
    /// Deterministic uniform noise in [−0.5, 0.5) (a linear congruential generator).
    static func noise(count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
    }

    @Test("a sine on bin 100 peaks at bin 100 with magnitude A·nFFT/4 (Hann's coherent gain)")
    func sinePeak() throws {
        let stft = try ShortTimeFourierTransform()
        let amplitude: Float = 0.7
        let signal = (0..<11025).map { amplitude * Float(sin(2 * Double.pi * 100 * Double($0) / 2048)) }
        let magnitude = try stft(signal).magnitude()
        for t in 0..<magnitude.frameCount {
            let column = (0..<magnitude.rowCount).map { magnitude[$0, t] }
            #expect(column.indices.max { column[$0] < column[$1] } == 100, "frame \(t)")
        }
        // A frame inside the signal holds whole periods: the Hann transform has exactly three
        // nonzero bins, the centre one of magnitude A·N/4.
        let t = 10
        #expect(abs(magnitude[100, t] - amplitude * 512) <= 1e-4 * amplitude * 512)
        for k in 0..<magnitude.rowCount where abs(k - 100) > 1 {
            #expect(magnitude[k, t] <= 1e-4 * amplitude * 512, "bin \(k)")
        }
    }

    @Test(
        "ISTFT(STFT(x)) reproduces x",
        arguments: [
            (2048, 512, 2048, WindowFunction.hann, true), (512, 128, 400, .hamming, true),
            (1024, 256, 1024, .blackman, true),
        ])
    func roundTrip(nFFT: Int, hopLength: Int, winLength: Int, window: WindowFunction, center: Bool) throws {
        let stft = try ShortTimeFourierTransform(
            nFFT: nFFT, hopLength: hopLength, winLength: winLength,
            window: window, center: center)
        let signal = Self.noise(count: 7001, seed: 3)
        let restored = try stft.inverse(stft(signal), length: signal.count)
        #expect(maxAbsDifference(restored, signal) <= 1e-5)
    }

    @Test("Parseval: one frame's energy equals its spectrum's")
    func parseval() throws {
        let stft = try ShortTimeFourierTransform(nFFT: 1024, hopLength: 256)
        let signal = Self.noise(count: 4000, seed: 11)
        let spectrum = try stft(signal)
        let t = 5, start = t * stft.hopLength - stft.nFFT / 2
        let energy = (0..<stft.nFFT).reduce(0.0) { sum, j in
            let x = Double(signal[start + j] * stft.paddedWindow[j])
            return sum + x * x
        }
        // Bins 1 ..< N/2 stand for two bins of the full DFT each.
        let spectralEnergy =
            (0..<spectrum.frequencyCount).reduce(0.0) { sum, k in
                let (re, im) = spectrum[k, t]
                let weight = k == 0 || k == stft.nFFT / 2 ? 1.0 : 2.0
                return sum + weight * Double(re * re + im * im)
            } / Double(stft.nFFT)
        #expect(abs(spectralEnergy - energy) <= 1e-5 * energy)
    }

    @Test("the orthonormal DCT-II matrix is orthonormal")
    func dctOrthonormal() throws {
        for (inputCount, outputCount) in [(128, 128), (128, 20), (13, 13)] {
            let matrix = try DiscreteCosineTransform(inputCount: inputCount, outputCount: outputCount).weights
            for a in 0..<outputCount {
                for b in 0..<outputCount {
                    let dot = (0..<inputCount).reduce(Float(0)) { $0 + matrix[a, $1] * matrix[b, $1] }
                    #expect(abs(dot - (a == b ? 1 : 0)) <= 1e-5, "rows \(a), \(b) of \(outputCount)×\(inputCount)")
                }
            }
        }
    }

    @Test("many threads running STFTs at once give the single-thread results")
    func concurrentSTFT() throws {
        let sizes = [256, 512, 1024, 2048, 4096, 768]
        let transforms = try sizes.map { try ShortTimeFourierTransform(nFFT: $0, hopLength: $0 / 4) }
        let signals = (0..<24).map { Self.noise(count: 3000 + 173 * $0, seed: UInt64($0)) }
        let results = Mutex<[Int: ComplexSpectrogram]>([:])
        DispatchQueue.concurrentPerform(iterations: signals.count) { i in
            let spectrogram = try! transforms[i % transforms.count](signals[i])
            results.withLock { $0[i] = spectrogram }
        }
        let concurrent = results.withLock { $0 }
        for i in signals.indices {
            #expect(try concurrent[i] == transforms[i % transforms.count](signals[i]), "signal \(i)")
        }
    }

    @Test("power to dB: 10·log10 against ref, amin floor, topDB clipping")
    func decibels() throws {
        let power = Spectrogram(rowCount: 1, frameCount: 4, values: [100, 1, 1e-3, 0])
        expectClose(try power.powerToDB(topDB: nil).values, [20, 0, -30, -100], rtol: 0, atol: 1e-5, "ref 1")
        expectClose(try power.powerToDB(topDB: 40).values, [20, 0, -20, -20], rtol: 0, atol: 1e-5, "topDB 40")
        expectClose(
            try power.powerToDB(ref: .maximum, topDB: nil).values, [0, -20, -50, -120], rtol: 0, atol: 1e-5, "ref max")
        expectClose(
            try power.powerToDB(ref: .value(10), amin: 1e-5, topDB: nil).values, [10, -10, -40, -60],
            rtol: 0, atol: 1e-5, "ref 10, amin 1e-5")
    }
}
