import AudioIO
import Foundation

/// Small signals the tests write themselves.
enum TestSignals {
    /// `channels` channels of `frames` frames, channel-major: a different two-tone chord per
    /// channel at amplitude ≤ 0.8, so channels cannot be confused.
    static func chord(frames: Int, channels: Int, sampleRate: Int) -> DecodedAudio {
        var samples = [Float](repeating: 0, count: frames * channels)
        for channel in 0..<channels {
            let root = 220.0 * Double(channel + 1)
            for frame in 0..<frames {
                let t = Double(frame) / Double(sampleRate)
                samples[channel * frames + frame] = Float(
                    0.5 * sin(2 * .pi * root * t) + 0.3 * sin(2 * .pi * 1.5 * root * t))
            }
        }
        return DecodedAudio(samples: samples, channels: channels, sampleRate: sampleRate)
    }
}
