import Foundation

/// A canonical 44-byte-header WAV built by hand (not by AudioIO), so the CLI is checked against
/// files whose every header field the test chose.
enum WAVBytes {
    /// Mono 16-bit PCM of `samples` (clamped to ±1).
    static func pcm16(_ samples: [Float], sampleRate: Int) -> Data {
        let body = samples.flatMap { sample -> [UInt8] in
            let value = Int16((max(-1, min(1, sample)) * 32767).rounded())
            return withUnsafeBytes(of: value.littleEndian, Array.init)
        }
        return header(format: 1, bitsPerSample: 16, sampleRate: sampleRate, dataBytes: body.count) + Data(body)
    }

    /// Mono 32-bit IEEE float of `samples`, stored unchanged (NaN included).
    static func float32(_ samples: [Float], sampleRate: Int) -> Data {
        let body = samples.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        return header(format: 3, bitsPerSample: 32, sampleRate: sampleRate, dataBytes: body.count) + Data(body)
    }

    /// The 44-byte header; `sampleRate`, `channels` and `dataBytes` are written as given (wrapped to
    /// the field width), so absurd values can be made on purpose.
    static func header(format: UInt16, bitsPerSample: UInt16, channels: UInt16 = 1, sampleRate: Int, dataBytes: Int)
        -> Data
    {
        var bytes = Data()
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let blockAlign = channels &* (bitsPerSample / 8)
        bytes.append(contentsOf: Array("RIFF".utf8)); append(UInt32(truncatingIfNeeded: 36 + dataBytes))
        bytes.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16))
        append(format); append(channels); append(UInt32(truncatingIfNeeded: sampleRate))
        append(UInt32(truncatingIfNeeded: sampleRate) &* UInt32(blockAlign)); append(blockAlign); append(bitsPerSample)
        bytes.append(contentsOf: Array("data".utf8)); append(UInt32(truncatingIfNeeded: dataBytes))
        return bytes
    }

    /// A decaying 440 Hz tone.
    static func tone(frames: Int, sampleRate: Int) -> [Float] {
        (0..<frames).map {
            Float(0.5 * sin(2 * .pi * 440 * Double($0) / Double(sampleRate)) * exp(-Double($0) / Double(frames)))
        }
    }
}
