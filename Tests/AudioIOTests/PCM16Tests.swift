import Foundation
import Testing

@testable import AudioIO

/// 16-bit samples widened to floats in place give libsndfile's `pcm.c` values —
/// `(float) sample * (1.0f / 0x8000)` — for every Int16, at every count modulo the eight-sample
/// step. (Whole files against soundfile's float reads: `LibrosaParityTests`, 0 tolerance, for
/// 16-bit WAV, WAVEX, AIFF, AU, CAF and RF64.)
@Suite struct PCM16Tests {
    private func widened(_ samples: [Int16]) -> [Float] {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 4 * max(samples.count, 1), alignment: 16)
        defer { buffer.deallocate() }
        samples.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        PCM16.widenInPlace(buffer, count: samples.count)
        return (0..<samples.count).map { buffer.load(fromByteOffset: 4 * $0, as: Float.self) }
    }

    @Test func everySampleValueIsScaledExactly() {
        let all = (Int(Int16.min)...Int(Int16.max)).map { Int16($0) }
        let floats = widened(all)
        #expect(floats == all.map { Float($0) / 32768 })
        #expect(floats.first == -1 && floats.last == 1 - 1 / 32768)
    }

    @Test(arguments: 0...17) func everyCountModuloTheStep(count: Int) {
        let samples = (0..<count).map { Int16(truncatingIfNeeded: $0 &* 7919 &- 20000) }
        #expect(widened(samples) == samples.map { Float($0) * 0x1p-15 })
    }
}
